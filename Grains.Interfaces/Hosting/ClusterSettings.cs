namespace Analytics.Grains.Interfaces.Hosting;

/// <summary>
/// How silos find each other and keep state, and how clients reach them (configuration section <c>Cluster</c>).
/// The embedded default is one machine: localhost clustering and memory storage. A real deployment uses
/// PostgreSQL for both (<c>Membership</c> and <c>Storage</c> set to <c>AdoNet</c>).
/// </summary>
public sealed class ClusterSettings
{
    // Not "Orleans": Orleans reads that section itself (Orleans:Clustering:ProviderType and the like).
    public const string Section = "Cluster";

    public string ClusterId { get; set; } = "analytics";

    public string ServiceId { get; set; } = "analytics";

    /// <summary><c>Localhost</c> or <c>AdoNet</c>.</summary>
    public string Membership { get; set; } = "Localhost";

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

    public bool UsesAdoNet => Membership == "AdoNet" || Storage == "AdoNet";

    public IEnumerable<string> Problems()
    {
        if (Membership is not ("Localhost" or "AdoNet")) yield return "Cluster:Membership must be Localhost or AdoNet";
        if (Storage is not ("Memory" or "AdoNet")) yield return "Cluster:Storage must be Memory or AdoNet";
        if (UsesAdoNet && string.IsNullOrWhiteSpace(ConnectionString)) yield return "Cluster:ConnectionString is required with AdoNet clustering or storage";
        if (string.IsNullOrWhiteSpace(ClusterId)) yield return "Cluster:ClusterId must not be empty";
        if (string.IsNullOrWhiteSpace(ServiceId)) yield return "Cluster:ServiceId must not be empty";
        if (!System.Net.IPAddress.TryParse(AdvertisedAddress, out _)) yield return "Cluster:AdvertisedAddress must be an IP address";
        foreach (var port in GatewayPorts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(port, out var p) || p is < 1 or > 65535) yield return "Cluster:GatewayPorts must be comma-separated port numbers";
        }
    }

    public int[] GatewayPortList =>
        [.. GatewayPorts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse)];
}
