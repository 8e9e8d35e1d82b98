using System.Net;
using Analytics.Enrichment.Bots;
using Analytics.Enrichment.Countries;
using Analytics.Enrichment.Sources;
using Analytics.Enrichment.UserAgents;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Enrichment;

/// <summary>
/// Derives an event's audience dimensions and tells whether a bot sent it, once, at ingestion (METRICS.md §3b).
/// Thread-safe, and never throws: input of any length or bytes yields <see cref="Dimensions.None"/> where it makes no
/// sense. What a user agent says is remembered in a bounded cache (<see cref="EnrichmentOptions.UserAgentCacheSize"/>).
/// </summary>
public sealed class EventEnricher(
    UserAgentParser userAgents, BotDetector bots, SourceResolver sources, CountryLookup countries, EnrichmentOptions options)
{
    private sealed record UserAgentFacts(ParsedUserAgent Parsed, bool IsBot);

    /// <summary>An absent user agent: a server-side sender, not a bot (METRICS.md §3b).</summary>
    private static readonly UserAgentFacts NoUserAgent = new(ParsedUserAgent.Unknown, false);

    private readonly UserAgentCache<UserAgentFacts> cache = new(options.UserAgentCacheSize);

    /// <param name="site">The event's site, as validated.</param>
    /// <param name="url">The page URL, whose query carries the <c>utm_*</c> parameters.</param>
    /// <param name="referrer">The event's referrer.</param>
    /// <param name="userAgent">The event's <c>userAgent</c>, else the request's <c>User-Agent</c> header.</param>
    /// <param name="client">The client's address: looked up for its country, never kept.</param>
    public EnrichmentResult Enrich(string site, string? url, string? referrer, string? userAgent, IPAddress? client)
    {
        var facts = string.IsNullOrWhiteSpace(userAgent)
            ? NoUserAgent
            : cache.GetOrAdd(UserAgentText.Bounded(userAgent), static (text, self) => self.Read(text), this);
        var utm = UtmParameters.From(url);
        var dimensions = new Dimensions(
            sources.Resolve(referrer, site), utm.Source, utm.Medium, utm.Campaign,
            facts.Parsed.Browser, facts.Parsed.Os, facts.Parsed.Device, countries.Find(client));
        return new EnrichmentResult(dimensions, facts.IsBot);
    }

    private UserAgentFacts Read(string userAgent) =>
        new(userAgents.Parse(userAgent), options.BotFiltering && bots.IsBot(userAgent));
}
