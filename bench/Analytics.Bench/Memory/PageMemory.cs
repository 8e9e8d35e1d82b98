using Analytics.Bench.Support;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Grains.Sites;

namespace Analytics.Bench.Memory;

/// <summary>
/// Memory per active page in the structures the grid keeps per page: the reducer's open per-page seconds
/// (<see cref="OpenWindows"/>, one value per reporting shard), its final per-page minutes (<see cref="FinalWindows"/>:
/// page totals for top pages, and the per-second arrays until the page grain has them), and the page grain's
/// state (one int[60] per minute for the retention period, the same <c>SortedDictionary</c> the grain keeps).
/// Each is instantiated with P pages that had a view in every second of a minute. Page names are separate
/// string instances per window, as they are in the grid, where each comes from a different decoded event.
/// </summary>
internal static class PageMemory
{
    public sealed record Row(string Structure, string Unit, double HeapBytes, double SerializedBytes);

    public static List<Row> Measure(int pages, int seed)
    {
        var catalog = new SiteCatalog(sites: (pages + 299) / 300, pagesPerSite: 300, seed);
        var names = Enumerable.Range(0, pages).Select(p => catalog.PickPath(p / 300, new Random(seed + p)) + "/" + p).ToArray();
        var minute = WindowShapes.Floor(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), WindowShapes.TopPagesSize);
        const int seconds = (int)(WindowShapes.TopPagesSize / WindowShapes.Second);
        var pageSeconds = (double)pages * seconds;

        var open = new List<Row>();
        foreach (var shards in new[] { 1, 4 })
        {
            var (heap, _) = Build(() =>
            {
                var windows = new OpenWindows();
                for (var p = 0; p < pages; p++)
                for (var s = 0; s < seconds; s++)
                for (var shard = 0; shard < shards; shard++)
                    windows.Set(shard, new WindowKey(WindowFamily.PageViewsOfPage, minute + s * WindowShapes.Second, new string(names[p])), new WindowValue(3));
                return windows;
            }, _ => 0);
            open.Add(new Row($"reducer: open page-second ({shards} shard{(shards > 1 ? "s" : "")} reporting)", "per page-second", heap / pageSeconds, double.NaN));
        }

        var (finalHeap, finalBytes) = Build(() =>
        {
            var state = new SiteState();
            var final = new FinalWindows(state);
            for (var p = 0; p < pages; p++)
            for (var s = 0; s < seconds; s++)
                final.Keep(new WindowKey(WindowFamily.PageViewsOfPage, minute + s * WindowShapes.Second, new string(names[p])), new WindowValue(3));
            return state;
        }, s => Heap.Serialized(s));
        var (totalsHeap, totalsBytes) = Build(() =>
        {
            var state = new SiteState();
            state.PageMinutes[minute] = names.ToDictionary(n => new string(n), _ => 180L);
            return state;
        }, s => Heap.Serialized(s));
        var (grainHeap, grainBytes) = Build(() => names.Select(_ => PageGrainState(minute, 60)).ToArray(),
            states => states.Sum(s => Heap.Serialized(s)));

        return
        [
            .. open,
            new("reducer: final minute, page totals + per-second array until handed over", "per page-minute", finalHeap / pages, finalBytes / (double)pages),
            new("reducer: final minute, page totals only (kept for top pages)", "per page-minute", totalsHeap / pages, totalsBytes / (double)pages),
            new("page grain: one minute array (int[60]) in its SortedDictionary", "per page-minute", grainHeap / (pages * 60.0), grainBytes / (pages * 60.0)),
            new("page grain: the whole retention (60 minutes)", "per page", grainHeap / (double)pages, grainBytes / (double)pages),
        ];
    }

    /// <summary>What a page grain holds: page views per second, one array per minute, by minute.</summary>
    private static SortedDictionary<long, int[]> PageGrainState(long lastMinute, int minutes)
    {
        var state = new SortedDictionary<long, int[]>();
        for (var m = 0; m < minutes; m++) state[lastMinute - m * WindowShapes.TopPagesSize] = Enumerable.Repeat(3, 60).ToArray();
        return state;
    }

    private static (double Heap, long Serialized) Build<T>(Func<T> build, Func<T, long> serialize)
    {
        var baseline = Heap.Live();
        var built = build();
        var heap = Heap.Live() - baseline;
        var serialized = serialize(built);
        GC.KeepAlive(built);
        return (heap, serialized);
    }
}
