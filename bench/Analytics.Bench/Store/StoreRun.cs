using System.Diagnostics;
using Analytics.EventStore;
using Analytics.Grains.Interfaces.Goals;

namespace Analytics.Bench.Store;

internal sealed record QueryTiming(string Query, string Target, double P50Ms, double P99Ms, double MaxMs, long Rows, double? TargetMs);

internal sealed record StoreResult(string Store, long Events, double WriteSeconds, double EventsPerSecond, double ReplaySeconds, long ReplayedEvents, IReadOnlyList<QueryTiming> Queries);

/// <summary>One store: fill it batch by batch as a shard would, replay the last batches, then time each query.</summary>
internal static class StoreRun
{
    private const long Day = 86_400_000;
    private static readonly GoalDefinition SectionOne = new("section-1", Page: "/section-1/*");
    private static readonly GoalDefinition[] Funnel =
        [new("home", Page: "/"), new("section", Page: "/section-*"), new("signup", Event: "signup"), GoalDefinition.Purchase];

    public static async Task<StoreResult> MeasureAsync(string name, IEventStore store, StoreLoad load, int batchSize, int repeats, CancellationToken cancellation)
    {
        await store.InitializeAsync(cancellation);
        var written = 0L;
        var writing = new Stopwatch();
        var tail = new Queue<StoredEvent[]>();
        foreach (var batch in load.Events().Chunk(batchSize))
        {
            writing.Start();
            await store.WriteAsync(batch, cancellation);
            writing.Stop();
            written += batch.Length;
            tail.Enqueue(batch);
            if (tail.Count > 10) tail.Dequeue();
            if (written % 1_000_000 < batchSize) Console.Error.WriteLine($"{name}: {written:N0} events written, {written / writing.Elapsed.TotalSeconds:N0}/s");
        }
        // A replay after a crash: the last batches again; nothing may be written twice (the hour query counts them).
        var replay = Stopwatch.StartNew();
        foreach (var batch in tail) await store.WriteAsync(batch, cancellation);
        replay.Stop();

        var end = load.End;
        var hour = (From: end - 3_600_000, To: end);
        var month = (From: end - 30 * Day, To: end);
        var queries = new List<QueryTiming>
        {
            await Time("breakdown source, last hour", StoreLoad.HourSite, 50, repeats, async () => (await store.BreakdownAsync(StoreLoad.HourSite, "source", hour.From, hour.To, [], 100, cancellation)).Count),
            await Time("breakdown page, last hour", StoreLoad.HourSite, 50, repeats, async () => (await store.BreakdownAsync(StoreLoad.HourSite, "page", hour.From, hour.To, [], 100, cancellation)).Count),
            await Time("breakdown exit_page, last hour", StoreLoad.HourSite, 50, repeats, async () => (await store.BreakdownAsync(StoreLoad.HourSite, "exit_page", hour.From, hour.To, [], 100, cancellation)).Count),
            await Time("breakdown page, 30 days, device=mobile;source=Google", StoreLoad.BigSite, 1000, repeats,
                async () => (await store.BreakdownAsync(StoreLoad.BigSite, "page", month.From, month.To, [new("device", "mobile"), new("source", "Google")], 100, cancellation)).Count),
            await Time("breakdown source, 30 days, country=DE;page=/", StoreLoad.BigSite, 1000, repeats,
                async () => (await store.BreakdownAsync(StoreLoad.BigSite, "source", month.From, month.To, [new("country", "DE"), new("page", "/")], 100, cancellation)).Count),
            await Time("breakdown entry_page, 30 days, browser=Chrome;utm_campaign=(none)", StoreLoad.BigSite, 1000, repeats,
                async () => (await store.BreakdownAsync(StoreLoad.BigSite, "entry_page", month.From, month.To, [new("browser", "Chrome"), new("utm_campaign", "(none)")], 100, cancellation)).Count),
            await Time("visitors, 30 days", StoreLoad.BigSite, 300, repeats, () => store.VisitorsAsync(StoreLoad.BigSite, month.From, month.To, [], cancellation)),
            await Time("visitors, 30 days", "*", 300, repeats, () => store.VisitorsAsync("*", month.From, month.To, [], cancellation)),
            await Time("visitors, last hour", StoreLoad.HourSite, 50, repeats, () => store.VisitorsAsync(StoreLoad.HourSite, hour.From, hour.To, [], cancellation)),
            await Time("goal purchase, 30 days (answer: conversions)", StoreLoad.BigSite, 1000, repeats,
                async () => (await store.GoalAsync(StoreLoad.BigSite, GoalDefinition.Purchase, month.From, month.To, [], cancellation)).Conversions),
            await Time("goal page /section-1/*, 30 days, device=mobile", StoreLoad.BigSite, 1000, repeats,
                async () => (await store.GoalAsync(StoreLoad.BigSite, SectionOne, month.From, month.To, [new("device", "mobile")], cancellation)).Conversions),
            await Time("funnel / > /section-* > signup > purchase, 30 days (answer: last step)", StoreLoad.BigSite, 1000, repeats,
                async () => (await store.FunnelAsync(StoreLoad.BigSite, Funnel, month.From, month.To, [], cancellation))[^1]),
        };
        return new StoreResult(name, written, writing.Elapsed.TotalSeconds, written / writing.Elapsed.TotalSeconds, replay.Elapsed.TotalSeconds, tail.Sum(b => b.Length), queries);
    }

    /// <param name="run">The query; its answer's size (rows, or visitors counted).</param>
    private static async Task<QueryTiming> Time(string query, string site, double? target, int repeats, Func<Task<long>> run)
    {
        var answer = 0L;
        for (var i = 0; i < 2; i++) answer = await run();
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            answer = await run();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Console.Error.WriteLine($"{query} ({site}): p50 {times[Rank(0.5, repeats)]:N1} ms, p99 {times[Rank(0.99, repeats)]:N1} ms, answer {answer:N0}");
        return new QueryTiming(query, site, times[Rank(0.5, repeats)], times[Rank(0.99, repeats)], times[^1], answer, target);
    }

    private static int Rank(double quantile, int count) => Math.Max(0, (int)Math.Ceiling(quantile * count) - 1);
}
