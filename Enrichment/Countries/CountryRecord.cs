using MaxMind.Db;

namespace Analytics.Enrichment.Countries;

/// <summary>
/// The one field read from a MaxMind record: <c>country.iso_code</c>. The reader decodes only what a constructor asks
/// for (its source generator writes the decoder), so a lookup costs about 2 µs, where MaxMind.GeoIP2's full country
/// model (names in every language, continent, represented country) cost 13–25 µs here: at 150,000 events/s, two cores.
/// </summary>
[method: Constructor]
internal sealed class CountryRecord([MapKey("country")] CountryRecord.Part? country)
{
    public string? IsoCode => country?.IsoCode;

    [method: Constructor]
    internal sealed class Part([MapKey("iso_code")] string? isoCode)
    {
        public string? IsoCode { get; } = isoCode;
    }
}
