using Analytics.Bench.Support;

namespace Analytics.Bench.Store;

internal static class StoreReport
{
    public static void Print(IReadOnlyList<StoreResult> results, StoreLoad load, double[] loadBefore, int mark, string commandLine)
    {
        Tables.Print("Writes (one writer, batches as a shard writes them)", ["store", "events", "seconds", "events/s", "replayed batches: events, seconds"],
            results.Select(r => new[] { r.Store, Tables.Number(r.Events), Tables.Number(r.WriteSeconds, 1), Tables.Number(r.EventsPerSecond),
                $"{Tables.Number(r.ReplayedEvents)} in {Tables.Number(r.ReplaySeconds, 2)} s" }));
        Tables.Print("Queries (ms; answer: rows, or the visitors counted)", ["store", "query", "site", "p50", "p99", "max", "answer", "target p99", "met"],
            results.SelectMany(r => r.Queries.Select(q => new[]
            {
                r.Store, q.Query, q.Target, Tables.Number(q.P50Ms, 1), Tables.Number(q.P99Ms, 1), Tables.Number(q.MaxMs, 1), Tables.Number(q.Rows),
                q.TargetMs is { } t ? Tables.Number(t) : "", q.TargetMs is { } m ? (q.P99Ms <= m ? "yes" : "**no**") : "",
            })));
        Tables.Note($"Log: {StoreLoad.BigSite} over 30 days and {StoreLoad.HourSite} ({StoreLoad.HourVisitors:N0} visitors, {StoreLoad.HourEvents:N0} events in the last hour), " +
            $"sessions interleaved by start time, ending {DateTimeOffset.FromUnixTimeMilliseconds(load.End):yyyy-MM-dd HH:mm} UTC. " +
            $"Load average before the run: {string.Join(" / ", loadBefore)}; after: {string.Join(" / ", Machine.LoadAverageNow())}.");
        var targets = results.SelectMany(r => r.Queries.Where(q => q.TargetMs is not null)
                .Select(q => new TargetCheck($"{r.Store}: {q.Query} ({q.Target}) p99 ≤ {q.TargetMs:N0} ms", $"{q.P99Ms:N1} ms", q.P99Ms <= q.TargetMs))
            .Prepend(new TargetCheck($"{r.Store}: writes ≥ 50,000 events/s", $"{r.EventsPerSecond:N0} events/s", r.EventsPerSecond >= 50_000)))
            .ToList();
        Report.Add(new Section("Event store", commandLine, loadBefore, Tables.Since(mark), targets,
            [.. results.Select(r => new Headline($"event store {r.Store}", $"{r.EventsPerSecond:N0} events/s written; " +
                string.Join("; ", r.Queries.Select(q => $"{q.Query} p99 {q.P99Ms:N0} ms"))))]));
    }
}
