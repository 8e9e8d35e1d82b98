using System.Net;
using MaxMind.GeoIP2;

namespace Analytics.Enrichment.Countries;

/// <summary>
/// The <c>country</c> dimension: the ISO 3166-1 alpha-2 code, upper case, of a client address in a MaxMind country
/// database, read through a memory map and shared by all threads. The address is only looked up: nothing here
/// keeps it, and only the country code leaves. Without a database, or for an address it does not know (private
/// networks, loopback), the country is <see cref="Dimensions.None"/>.
/// </summary>
public sealed class CountryLookup : IDisposable
{
    private readonly DatabaseReader? reader;

    private CountryLookup(DatabaseReader? reader) => this.reader = reader;

    /// <summary>No database configured: every country is <see cref="Dimensions.None"/>.</summary>
    public static CountryLookup Off() => new(null);

    public static CountryLookup Open(string path)
    {
        var reader = new DatabaseReader(path, MaxMind.Db.FileAccessMode.MemoryMapped);
        // The reader answers country queries from country databases only (GeoLite2-Country, GeoIP2-Country).
        if (!reader.Metadata.DatabaseType.Contains("Country", StringComparison.Ordinal))
        {
            reader.Dispose();
            throw new InvalidDataException($"{path} is a {reader.Metadata.DatabaseType} database, not a country database");
        }
        return new CountryLookup(reader);
    }

    public bool IsOn => reader is not null;

    /// <summary>The database's type and build date, for the start-up log.</summary>
    public string Describe() =>
        reader is null ? "none" : $"{reader.Metadata.DatabaseType} built {reader.Metadata.BuildDate:yyyy-MM-dd}";

    public string Find(IPAddress? client)
    {
        if (reader is null || client is null) return Dimensions.None;
        if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
        try
        {
            return reader.TryCountry(client, out var answer) && answer?.Country.IsoCode is { Length: 2 } code
                ? code.ToUpperInvariant()
                : Dimensions.None;
        }
        catch (Exception e) when (e is MaxMind.Db.InvalidDatabaseException or ArgumentException)
        {
            return Dimensions.None;
        }
    }

    public void Dispose() => reader?.Dispose();
}
