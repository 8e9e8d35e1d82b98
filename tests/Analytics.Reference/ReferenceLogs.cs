using Analytics.Grains.Interfaces.Events;

namespace Analytics.Reference;

/// <summary>
/// Awkward logs for the window arithmetic: visitors with several sessions, gaps just under, at and over the
/// session gap, single-event sessions (bounces and not), conversions, and events at window edges.
/// </summary>
public static class ReferenceLogs
{
    public const long SessionGap = 30 * 60_000;
    public static readonly long Start = new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Every event of a log lies within this much event time from its start.</summary>
    public const long Span = 2 * 3_600_000;

    /// <summary>Visits spread over <see cref="Span"/> of event time from <paramref name="start"/> (default <see cref="Start"/>), in time order.</summary>
    /// <param name="domain">Sites are named site{n}.{domain}: tests that share a server keep their sites apart with it.</param>
    public static List<AnalyticsEvent> Visits(int seed, int sites = 3, int visitorsPerSite = 60, long? start = null, string domain = "example.test")
    {
        var random = new Random(seed);
        var events = new List<AnalyticsEvent>();
        for (var s = 0; s < sites; s++)
        {
            var site = $"site{s}.{domain}";
            for (var v = 0; v < visitorsPerSite; v++)
            {
                var visitor = $"v{v}";
                var end = (start ?? Start) + Span;
                var time = (start ?? Start) + random.NextInt64(Span * 3 / 4);
                var sessions = random.Next(1, 4);
                for (var session = 0; session < sessions; session++)
                {
                    var length = random.Next(1, 9);
                    for (var i = 0; i < length && time < end; i++)
                    {
                        if (i > 0) time += random.Next(1, 120_000);
                        if (time < end) events.Add(Event(random, $"{site}-{visitor}-{events.Count}", site, visitor, time, first: i == 0));
                    }
                    // After the last event: a gap under, exactly at, or over the session gap.
                    time += random.Next(4) switch
                    {
                        0 => SessionGap,
                        1 => SessionGap - random.Next(1, 600_000),
                        _ => SessionGap + random.Next(1, 1_800_000),
                    };
                }
            }
        }
        return [.. events.OrderBy(e => e.Timestamp)];
    }

    /// <summary>
    /// The order events reach Kafka in: time order, but each event may come up to <paramref name="maxBehind"/>
    /// after newer ones (never more than that behind the newest before it, so never late).
    /// </summary>
    public static List<AnalyticsEvent> Arrival(IEnumerable<AnalyticsEvent> events, long maxBehind, int seed)
    {
        var random = new Random(seed);
        return [.. events.Select(e => (Key: e.Timestamp + random.NextInt64(maxBehind), Event: e)).OrderBy(x => x.Key).Select(x => x.Event)];
    }

    /// <summary>Inserts exact copies of some events (a client re-sending) a few events after the original.</summary>
    public static List<AnalyticsEvent> WithDuplicates(IReadOnlyList<AnalyticsEvent> events, double share, int seed)
    {
        var random = new Random(seed);
        var result = new List<AnalyticsEvent>(events.Count);
        var pending = new List<(int At, AnalyticsEvent Event)>();
        for (var i = 0; i < events.Count; i++)
        {
            result.Add(events[i]);
            if (random.NextDouble() < share) pending.Add((i + random.Next(1, 20), events[i]));
            foreach (var due in pending.Where(p => p.At == i).ToList())
            {
                result.Add(due.Event);
                pending.Remove(due);
            }
        }
        result.AddRange(pending.Select(p => p.Event));
        return result;
    }

    private static AnalyticsEvent Event(Random random, string id, string site, string visitor, long time, bool first)
    {
        var roll = random.NextDouble();
        var type = first && roll < 0.8 ? EventType.PageView
            : roll < 0.55 ? EventType.PageView
            : roll < 0.8 ? EventType.Click
            : roll < 0.9 ? EventType.Conversion
            : EventType.Custom;
        var page = random.Next(8) == 0 ? "/" : $"/p{random.Next(20)}";
        var url = type == EventType.PageView || random.Next(2) == 0 ? $"https://{site}{page}?ref={random.Next(5)}" : null;
        return new AnalyticsEvent(
            id, type, site, visitor, time, url, url is null ? null : page, null,
            type == EventType.Conversion ? random.Next(1, 100) : null, null, 0);
    }

    public static List<T> Shuffled<T>(IEnumerable<T> items, int seed)
    {
        var list = items.ToList();
        var random = new Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
