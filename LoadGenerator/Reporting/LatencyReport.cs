using Analytics.LoadGenerator.Metrics;

namespace Analytics.LoadGenerator.Reporting;

/// <summary>
/// End-to-end latency of the events applied during the run, from the grid's own histogram: the difference of
/// the scrapes at start and end, so earlier traffic does not count. A histogram absent at the start (a fresh
/// grid, before its first event) counts as empty then. Null quantiles and a problem when there is none.
/// </summary>
public sealed record LatencyReport(
    bool Available, string? Problem, IReadOnlyList<string> Sources, long Observations, double? P50Ms, double? P95Ms, double? P99Ms, double? MeanMs)
{
    public static LatencyReport From(LatencyScrape before, LatencyScrape after, LatencyProbe probe)
    {
        var names = probe.Endpoints.Select(s => s.ToString()).ToList();
        LatencyReport Missing(string problem) => new(false, problem, names, 0, null, null, null, null);

        if (before.Problem is { } early) return Missing(early);
        if (after.Problem is { } late) return Missing(late);
        if (after.Histogram is not { } end) return Missing(probe.NoHistogram);
        if ((before.Histogram is { } start ? end.Since(start) : end) is not { } run)
            return Missing("a counter of the histogram went back during the run (did a process restart?)");
        if (run.Count <= 0) return Missing("the grid recorded no applied event during the run");
        return new LatencyReport(true, null, names, (long)run.Count,
            Milliseconds(run.Quantile(0.50)), Milliseconds(run.Quantile(0.95)), Milliseconds(run.Quantile(0.99)), Milliseconds(run.Sum / run.Count));
    }

    // NaN comes from a histogram without a +Inf bucket; JSON has no NaN, and no number is the honest answer.
    private static double? Milliseconds(double seconds) => double.IsNaN(seconds) ? null : Math.Round(seconds * 1000, 3);
}
