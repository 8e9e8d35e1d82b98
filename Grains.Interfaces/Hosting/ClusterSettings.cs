namespace Analytics.Grains.Interfaces.Hosting;

/// <summary>
/// How silos find each other and keep state, and how clients reach them (configuration section <c>Orleans</c>).
/// The embedded default is one machine: localhost clustering and memory storage. A real deployment uses
/// PostgreSQL for both (<c>Clustering</c> and <c>Storage</c> set to <c>AdoNet</c>).
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "analytics";

    public string ServiceId { get; set; } = "analytics";

    /// <summary><c>Localhost</c> or <c>AdoNet</c>.</summary>
    public string Clustering { get; set; } = "Localhost";

    /// <summary><c>Memory</c> or <c>AdoNet</c>.</summary>
    public string Storage { get; set; } = "Memory";

    /// <summary>The PostgreSQL connection string for <c>AdoNet</c> clustering and storage.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The ADO.NET provider invariant of the database.</summary>
    public string Invariant { get; set; } = "Npgsql";

    /// <summary>The address other silos and clients use to reach this silo; loopback by default.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>With localhost clustering: the silo port of the first silo, which the others join.</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>With localhost clustering, for clients: the gateways to try, comma-separated ports.</summary>
    public string GatewayPorts { get; set; } = "30000";

    public bool UsesAdoNet => Clustering == "AdoNet" || Storage == "AdoNet";

    public IEnumerable<string> Problems()
    {
        if (Clustering is not ("Localhost" or "AdoNet")) yield return "Orleans:Clustering must be Localhost or AdoNet";
        if (Storage is not ("Memory" or "AdoNet")) yield return "Orleans:Storage must be Memory or AdoNet";
        if (UsesAdoNet && string.IsNullOrWhiteSpace(ConnectionString)) yield return "Orleans:ConnectionString is required with AdoNet clustering or storage";
        if (string.IsNullOrWhiteSpace(ClusterId)) yield return "Orleans:ClusterId must not be empty";
        if (string.IsNullOrWhiteSpace(ServiceId)) yield return "Orleans:ServiceId must not be empty";
        if (!System.Net.IPAddress.TryParse(AdvertisedAddress, out _)) yield return "Orleans:AdvertisedAddress must be an IP address";
        foreach (var port in GatewayPorts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(port, out var p) || p is < 1 or > 65535) yield return "Orleans:GatewayPorts must be comma-separated port numbers";
        }
    }

    public int[] GatewayPortList =>
        [.. GatewayPorts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)];
}
