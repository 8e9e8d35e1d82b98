using Analytics.Grains.Interfaces.Events;
using Analytics.Reference;

namespace Analytics.Bench.Support;

/// <summary>
/// A deterministic log of visits spread over a span of event time: visits of 1 to ~30 events a few seconds to
/// a minute and a half apart, one in ten by a returning visitor, in the order Kafka receives them (each event
/// up to 1.9 s behind newer ones, within the grid's 2 s out-of-orderness, so none is late). No duplicates:
/// the peer cannot de-duplicate, so every engine must count every event once.
/// </summary>
internal static class TrafficLog
{
    public const long MaxBehindMs = 1900;

    public static List<AnalyticsEvent> Build(int events, int sites, int pagesPerSite, long start, TimeSpan span, int seed)
    {
        var random = new Random(seed);
        var factory = new EventFactory(new SiteCatalog(sites, pagesPerSite, seed), random);
        var end = start + (long)span.TotalMilliseconds;
        var log = new List<AnalyticsEvent>(events);
        var visitors = new List<Visit>();
        while (log.Count < events)
        {
            var visit = visitors.Count > 0 && random.Next(10) == 0
                ? Returning(visitors[random.Next(visitors.Count)])
                : factory.NewVisit();
            visitors.Add(visit);
            var length = 1 + (int)(-Math.Log(1 - random.NextDouble()) * 6);
            var time = start + random.NextInt64(end - start);
            for (var i = 0; i < length && time < end && log.Count < events; i++)
            {
                log.Add(factory.Next(visit, time, 0));
                time += random.Next(2_000, 90_000);
            }
        }
        return ReferenceLogs.Arrival(log.OrderBy(e => e.Timestamp), MaxBehindMs, seed);
    }

    // The same visitor on the same site, on a new visit: it starts from the site's entry, not the old page.
    private static Visit Returning(Visit earlier) => new(earlier.Site, earlier.Visitor);
}
