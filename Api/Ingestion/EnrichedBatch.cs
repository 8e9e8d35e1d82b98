using Analytics.Enrichment;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Api.Ingestion;

/// <summary>
/// A request's events as ingestion passes them on to Kafka (METRICS.md §3b): each with the dimensions derived from it
/// and its request, bots' events left out. The enricher runs here, once per event, because only the request knows
/// the <c>User-Agent</c> header and the client address; the address is looked up for a country and goes no further.
/// </summary>
/// <param name="Counted">The events to publish, with their dimensions.</param>
/// <param name="RequestIndexes">The index in the request of each of <paramref name="Counted"/>, to name events the way the client sent them.</param>
/// <param name="Bots">How many of the request's events were bots'.</param>
public sealed record EnrichedBatch(IReadOnlyList<AnalyticsEvent> Counted, IReadOnlyList<int> RequestIndexes, int Bots)
{
    public static EnrichedBatch Of(EventBatchParser.Result parsed, HttpContext http, EventEnricher enricher)
    {
        // An event's own userAgent (a server forwarding browsers' hits) comes first; else the request's is every event's.
        var header = http.Request.Headers.UserAgent.ToString();
        var client = http.Connection.RemoteIpAddress;
        var counted = new List<AnalyticsEvent>(parsed.Events.Count);
        var indexes = new List<int>(parsed.Events.Count);
        for (var i = 0; i < parsed.Events.Count; i++)
        {
            var e = parsed.Events[i];
            var result = enricher.Enrich(e.Site, e.Url, e.Referrer, parsed.UserAgents[i] ?? header, client);
            if (result.IsBot) continue;
            counted.Add(e with { Dimensions = result.Dimensions });
            indexes.Add(i);
        }
        return new EnrichedBatch(counted, indexes, parsed.Events.Count - counted.Count);
    }
}
