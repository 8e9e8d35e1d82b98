using System.Net;
using Analytics.Grains.Interfaces.Events;
using MaxMind.Db;

namespace Analytics.Enrichment.Countries;

/// <summary>
/// The <c>country</c> dimension: the ISO 3166-1 alpha-2 code, upper case, of a client address in a MaxMind country or
/// city database (GeoLite2-Country, GeoIP2-City, …), read through a memory map and shared by all threads. The address
/// is only looked up: nothing here keeps it, and only the country code leaves. Without a database, or for an address
/// it does not know (private networks, loopback), the country is <see cref="Dimensions.None"/>.
/// </summary>
public sealed class CountryLookup : IDisposable
{
    private readonly Reader? reader;

    private CountryLookup(Reader? reader) => this.reader = reader;

    /// <summary>No database configured: every country is <see cref="Dimensions.None"/>.</summary>
    public static CountryLookup Off() => new(null);

    public static CountryLookup Open(string path)
    {
        var reader = new Reader(path, FileAccessMode.MemoryMapped);
        var type = reader.Metadata.DatabaseType;
        if (!type.Contains("Country", StringComparison.Ordinal) && !type.Contains("City", StringComparison.Ordinal))
        {
            reader.Dispose();
            throw new InvalidDataException($"{path} is a {type} database, not a country or city database");
        }
        return new CountryLookup(reader);
    }

    /// <summary>The database's type and build date, for the start-up log.</summary>
    public string Describe() =>
        reader is null ? "none" : $"{reader.Metadata.DatabaseType} built {reader.Metadata.BuildDate:yyyy-MM-dd}";

    public string Find(IPAddress? client)
    {
        if (reader is null || client is null) return Dimensions.None;
        if (client.IsIPv4MappedToIPv6) client = client.MapToIPv4();
        try
        {
            return reader.Find<CountryRecord>(client)?.IsoCode is { Length: 2 } code ? code.ToUpperInvariant() : Dimensions.None;
        }
        catch (InvalidDatabaseException)
        {
            return Dimensions.None;
        }
    }

    public void Dispose() => reader?.Dispose();
}
