using Analytics.Enrichment.Bots;
using Analytics.Enrichment.Countries;
using Analytics.Enrichment.Hosting;
using Analytics.Enrichment.Sources;
using Analytics.Enrichment.UserAgents;

namespace Analytics.Enrichment.Tests;

/// <summary>The data sets as the build copied them next to the tests, each read once for the whole run (about a second).</summary>
public static class DataSets
{
    private static readonly Lazy<UserAgentParser> Uap = new(() => UserAgentParser.Load(EnrichmentData.UapRegexes));
    private static readonly Lazy<BotDetector> Crawlers = new(() => BotDetector.Load(EnrichmentData.CrawlerUserAgents));
    private static readonly Lazy<ReferrerList> ReferrerNames = new(() => ReferrerList.Load(EnrichmentData.Referrers));

    public static UserAgentParser UserAgents => Uap.Value;

    public static BotDetector Bots => Crawlers.Value;

    public static ReferrerList Referrers => ReferrerNames.Value;

    public static EventEnricher Enricher(EnrichmentOptions? options = null, CountryLookup? countries = null) =>
        new(UserAgents, Bots, new SourceResolver(Referrers), countries ?? CountryLookup.Off(), options ?? new EnrichmentOptions());
}
