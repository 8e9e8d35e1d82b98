using Analytics.Grains.Interfaces.Events;

namespace Analytics.Reference;

/// <summary>
/// Which events of a log count, by rule (a) of METRICS.md §2 alone: in the order one sender posted them, each Kafka
/// partition's watermark just before an event is the largest event time of the partition's earlier records (duplicates
/// and late ones included) minus the out-of-orderness; an event whose time plus the allowed lateness is below it is late.
/// Of the rest, the first copy of each id counts. A plain loop, sharing nothing with the grid but the contract.
/// </summary>
public static class ReferenceLateness
{
    /// <param name="posted">In the order they were posted; every event time lies before the time it was posted (so the cap at acceptance never applies).</param>
    public static (List<AnalyticsEvent> Counted, List<AnalyticsEvent> Late) Judge(
        IEnumerable<AnalyticsEvent> posted, int partitions, long maxOutOfOrdernessMs, long allowedLatenessMs)
    {
        var newest = new Dictionary<int, long>();
        var seen = new HashSet<(string Site, string Visitor, string Id)>();
        var counted = new List<AnalyticsEvent>();
        var late = new List<AnalyticsEvent>();
        foreach (var e in posted)
        {
            var partition = KafkaPartitioner.PartitionOf($"{e.Site}/{e.Visitor}", partitions);
            var isLate = false;
            if (newest.TryGetValue(partition, out var before))
            {
                isLate = e.Timestamp + allowedLatenessMs < before - maxOutOfOrdernessMs;
                newest[partition] = Math.Max(before, e.Timestamp);
            }
            else
            {
                newest[partition] = e.Timestamp;
            }
            if (!seen.Add((e.Site, e.Visitor, e.Id))) continue;
            (isLate ? late : counted).Add(e);
        }
        return (counted, late);
    }

    /// <summary>
    /// A log as a real site sends it: the visits out of order within <paramref name="maxBehindMs"/>, with re-sent exact copies,
    /// and every so often an event of a visitor sent <paramref name="lateByMs"/> behind the events around it.
    /// </summary>
    public static List<AnalyticsEvent> WithLateEvents(IReadOnlyList<AnalyticsEvent> log, int every, long lateByMs, int seed)
    {
        var random = new Random(seed);
        var result = new List<AnalyticsEvent>(log.Count + log.Count / every + 1);
        for (var i = 0; i < log.Count; i++)
        {
            result.Add(log[i]);
            if (i % every != every - 1) continue;
            var e = log[i];
            result.Add(e with { Id = $"behind-{i}", Timestamp = e.Timestamp - lateByMs - random.Next(60_000) });
        }
        return result;
    }
}
