using Microsoft.Extensions.Logging;

namespace Analytics.Enrichment;

internal static partial class EnrichmentLog
{
    [LoggerMessage(1, LogLevel.Information,
        "Enrichment data loaded in {Milliseconds} ms: {UapRules} uap-core rules, {Crawlers} bot patterns ({HttpLibraries} HTTP client patterns of the crawler list left out, {Invalid} unreadable), {Referrers} referrer entries")]
    public static partial void Loaded(ILogger logger, long milliseconds, int uapRules, int crawlers, int httpLibraries, int invalid, int referrers);

    [LoggerMessage(2, LogLevel.Warning, "Enrichment:BotFiltering is off: bots' events count in every metric")]
    public static partial void BotFilteringOff(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Country database: {Database}")]
    public static partial void CountryDatabase(ILogger logger, string database);
}
