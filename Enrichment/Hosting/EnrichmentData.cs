using System.Diagnostics;
using Analytics.Enrichment.Bots;
using Analytics.Enrichment.Countries;
using Analytics.Enrichment.Sources;
using Analytics.Enrichment.UserAgents;
using Microsoft.Extensions.Logging;

namespace Analytics.Enrichment.Hosting;

/// <summary>
/// The data sets, as the build copies them from <c>Enrichment/data/node_modules</c> into <c>enrichment-data/</c> next to
/// the assemblies (versions pinned by <c>Enrichment/data/package-lock.json</c>).
/// </summary>
public static class EnrichmentData
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "enrichment-data");

    public static string UapRegexes => Path.Combine(Directory, "regexes.yaml");

    public static string CrawlerUserAgents => Path.Combine(Directory, "crawler-user-agents.json");

    public static string Referrers => Path.Combine(Directory, "referrers.json");

    /// <summary>Reads every data set (under a second here: 1,200 uap-core regexes and 1,500 crawler patterns are parsed).</summary>
    public static EventEnricher Load(EnrichmentOptions options, CountryLookup countries, ILogger logger)
    {
        foreach (var file in new[] { UapRegexes, CrawlerUserAgents, Referrers })
        {
            if (!File.Exists(file))
                throw new FileNotFoundException($"Enrichment data file {file} is missing: run npm ci in Enrichment/data and build again", file);
        }
        var started = Stopwatch.StartNew();
        var userAgents = UserAgentParser.Load(UapRegexes);
        var bots = BotDetector.Load(CrawlerUserAgents);
        var referrers = ReferrerList.Load(Referrers);
        EnrichmentLog.Loaded(logger, started.ElapsedMilliseconds, userAgents.RuleCount, bots.PatternCount,
            bots.HttpLibrariesLeftOut, bots.InvalidPatterns, referrers.Count);
        if (!options.BotFiltering) EnrichmentLog.BotFilteringOff(logger);
        EnrichmentLog.CountryDatabase(logger, countries.Describe());
        return new EventEnricher(userAgents, bots, new SourceResolver(referrers), countries, options);
    }
}
