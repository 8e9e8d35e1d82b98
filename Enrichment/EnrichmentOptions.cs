namespace Analytics.Enrichment;

/// <summary>How ingestion derives audience dimensions and tells bots (configuration section <c>Enrichment</c>).</summary>
public sealed class EnrichmentOptions
{
    public const string Section = "Enrichment";

    public const int DEFAULT_USER_AGENT_CACHE_SIZE = 10_000;

    /// <summary>Whether bots' events are told apart (and kept out of every metric). Off: every event counts.</summary>
    public bool BotFiltering { get; set; } = true;

    /// <summary>A MaxMind country or city database (<c>GeoLite2-Country.mmdb</c>); empty: <c>country</c> is <c>(none)</c>.</summary>
    public string CountryDatabase { get; set; } = "";

    /// <summary>User agents remembered with what they say, per cache generation (two are kept); 0: none.</summary>
    public int UserAgentCacheSize { get; set; } = DEFAULT_USER_AGENT_CACHE_SIZE;

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(CountryDatabase) && !File.Exists(CountryDatabase))
            yield return $"Enrichment:CountryDatabase names no file: {CountryDatabase}";
        if (UserAgentCacheSize is < 0 or > 1_000_000)
            yield return "Enrichment:UserAgentCacheSize must be between 0 (no cache) and 1000000";
    }
}
