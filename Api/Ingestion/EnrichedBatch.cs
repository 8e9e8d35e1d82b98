using Analytics.Api.Security;
using Analytics.Enrichment;
using Analytics.Enrichment.UserAgents;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Visitors;

namespace Analytics.Api.Ingestion;

/// <summary>
/// A request's events as ingestion passes them on to Kafka (METRICS.md §3b): each with the dimensions derived from it
/// and its request, its user agent, its visitor (derived where it came without one and cookieless visitors are on), and
/// whether a bot sent it. Bots' events go to Kafka too (they feed their partition's watermark, as every record does)
/// and count in no metric. The enricher runs here, once per event, because only the request knows the
/// <c>User-Agent</c> header and the client address; the address is looked up for a country and hashed into a
/// cookieless visitor, and goes no further.
/// </summary>
/// <param name="Events">The events to publish, in the request's order.</param>
/// <param name="Bots">How many of them a bot sent.</param>
public sealed record EnrichedBatch(IReadOnlyList<AnalyticsEvent> Events, int Bots)
{
    /// <summary>Whether an event came without a visitor, so that <see cref="Of"/> needs the period's salt.</summary>
    public static bool NeedsSalt(EventBatchParser.Result parsed) => parsed.Events.Any(e => e.Visitor == AnalyticsEvent.NoVisitor);

    /// <param name="salt">The current salt for cookieless visitors; required when <see cref="NeedsSalt"/>.</param>
    public static EnrichedBatch Of(EventBatchParser.Result parsed, HttpContext http, EventEnricher enricher, byte[]? salt)
    {
        // An event's own userAgent (a server forwarding browsers' hits) comes first; else the request's is every event's.
        var header = http.Request.Headers.UserAgent.ToString();
        var client = http.Connection.RemoteIpAddress;
        var visitorAddress = ClientAddress.PartitionOf(http);
        var events = new List<AnalyticsEvent>(parsed.Events.Count);
        var bots = 0;
        foreach (var e in parsed.Events)
        {
            var userAgent = e.UserAgent ?? header;
            var bounded = string.IsNullOrEmpty(userAgent) ? null : UserAgentText.Bounded(userAgent);
            var result = enricher.Enrich(e.Site, e.Url, e.Referrer, userAgent, client);
            if (result.IsBot) bots++;
            events.Add(e with
            {
                Visitor = e.Visitor != AnalyticsEvent.NoVisitor ? e.Visitor : CookielessVisitor.Of(
                    salt ?? throw new ArgumentNullException(nameof(salt), "An event without a visitor needs the period's salt"),
                    e.Site, visitorAddress, bounded),
                Dimensions = result.Dimensions,
                UserAgent = bounded,
                Bot = result.IsBot,
            });
        }
        return new EnrichedBatch(events, bots);
    }
}
