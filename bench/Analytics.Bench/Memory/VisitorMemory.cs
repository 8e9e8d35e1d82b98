using Analytics.Bench.Support;
using Analytics.Grains.Shards;

namespace Analytics.Bench.Memory;

/// <summary>
/// A shard's memory per active visitor: one <see cref="ShardWindows"/> fed the visits of N visitors (the
/// window engine the shard grain runs, without Orleans around it), measured in two states: right after the
/// visits (event ids and 5 s presence buckets still held), and once the watermark is a minute past them (only
/// the open session is left, as for most of the 30 minutes a visitor stays in the state after its last event).
/// </summary>
internal static class VisitorMemory
{
    /// <param name="HeapPerVisitor">The visitors' own state (sessions, presence buckets, recent ids, the map entry and key).</param>
    /// <param name="ShardHeapPerVisitor">The whole shard state, windows included, divided by its visitors.</param>
    public sealed record Stage(string Name, long Visitors, long WindowCount, double HeapPerVisitor, double SerializedPerVisitor, double HeapPerWindow, double ShardHeapPerVisitor);

    public static List<Stage> Measure(int visitors, int eventsPerVisit, int seed) =>
    [
        MeasureOnce("right after the visits", visitors, eventsPerVisit, seed, settled: false),
        MeasureOnce("a minute later (session only)", visitors, eventsPerVisit, seed, settled: true),
    ];

    // Heap of the visitors = heap of the whole state minus that of the same state once its visitors are gone.
    private static Stage MeasureOnce(string name, int visitors, int eventsPerVisit, int seed, bool settled)
    {
        var random = new Random(seed);
        var factory = new EventFactory(new SiteCatalog(sites: 200, pagesPerSite: 300, seed), random);
        var start = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        // After the catalog of sites and pages: it is the generator's, not the shard's.
        var baseline = Heap.Live();
        var windows = Feed(factory, random, visitors, eventsPerVisit, start, settled);

        var state = windows.State;
        var held = state.VisitorCount;
        var windowCount = state.Sites.Values.Sum(s => s.Windows.Count);
        var all = Heap.Live() - baseline;
        var serializedAll = Heap.Serialized(state);
        // Serializing leaves the codec's save buffer behind, kept for the next save: it is not the visitors' state.
        var saveBuffer = Heap.Live() - baseline - all;
        foreach (var site in state.Sites.Values) site.Visitors = [];
        var withoutVisitors = Heap.Live() - baseline - saveBuffer;
        var serializedWithout = Heap.Serialized(state);
        GC.KeepAlive(windows);
        return new Stage(name, held, windowCount,
            (double)(all - withoutVisitors) / held,
            (double)(serializedAll - serializedWithout) / held,
            (double)withoutVisitors / Math.Max(1, windowCount),
            (double)all / held);
    }

    private static ShardWindows Feed(EventFactory factory, Random random, int visitors, int eventsPerVisit, long start, bool settled)
    {
        var windows = new ShardWindows(new ShardState(), (long)TimeSpan.FromMinutes(30).TotalMilliseconds);
        var newest = start;
        for (var v = 0; v < visitors; v++)
        {
            var visit = factory.NewVisit();
            var time = start + random.Next(600_000);
            for (var i = 0; i < eventsPerVisit; i++)
            {
                windows.Apply(factory.Next(visit, time, 0));
                newest = Math.Max(newest, time);
                time += random.Next(2_000, 90_000);
            }
        }
        if (settled) windows.Expire(newest + 61_000);
        // A flush hands the changed windows on and forgets which changed: that bookkeeping is not state.
        foreach (var site in windows.TakeDirtySites()) windows.TakeChanges(site);
        return windows;
    }
}
