using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Reference;
using Analytics.Testing;

namespace Analytics.FunctionalTests.Infrastructure;

/// <summary>
/// The reference runs' shared parts: a log of over 100,000 events with many sites, pages and visitors, sessions split
/// by the gap, out-of-order events within the bound and duplicate ids (METRICS.md §6), the setting that keeps its
/// final windows, and the wait until the grid has counted and finalized it.
/// </summary>
internal static class ReferenceRun
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>The log spans two hours of event time; the grid keeps final windows for one by default.</summary>
    internal static readonly Dictionary<string, string?> KeepTheWholeLog = new() { ["Grid:FinalRetention"] = "04:00:00" };

    /// <summary>
    /// The events that count (the reference's input), and the log as Kafka receives it: out of order within
    /// the bound, with re-sent duplicates. The log lies in the past, ending an hour ago.
    /// </summary>
    internal static (List<AnalyticsEvent> Counted, List<AnalyticsEvent> Log, long From, long To) Log(
        int seed, int sites = 20, int visitorsPerSite = 800, string domain = "example.test", int minimum = 100_000)
    {
        var start = WindowShapes.Floor(DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeMilliseconds(), 60_000);
        var counted = ReferenceLogs.Visits(seed, sites, visitorsPerSite, start, domain);
        Assert.True(counted.Max(e => e.Timestamp) < DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds(), "the log reaches into the last half hour");
        var log = ReferenceLogs.WithDuplicates(ReferenceLogs.Arrival(counted, maxBehind: 1900, seed), share: 0.01, seed);
        Assert.True(counted.Count >= minimum, $"the log has only {counted.Count} events");
        return (counted, log, start - 3_600_000, counted.Max(e => e.Timestamp) + 3_600_000);
    }

    internal static async Task WaitUntilAllCountedAndFinalAsync(GridHost grid, List<AnalyticsEvent> counted)
    {
        try
        {
            await Eventually.Get(() => grid.Cluster.Client.GetGrain<ISiteGrain>(SiteName.All).GetEventCount(), n => n == counted.Count, Deadline, $"{counted.Count} events counted");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}{Environment.NewLine}{await GridDiagnostics.DescribeAsync(grid, counted)}", e);
        }
        var last = counted.Max(e => e.Timestamp);
        await Eventually.Get(async () => (await grid.Progress.GetProgress()).FinalWatermark, f => f >= last - 2000, Deadline, "the final watermark to reach the last event");
        // Reducers take up the final watermark on their next flush.
        await Eventually.Get(() => grid.Cluster.Client.GetGrain<ISiteGrain>(SiteName.All).GetWindows(WindowFamily.PageViews, last - 10_000, last + 1000),
            w => w.Where(x => x.Start + 1000 <= last - 2000).All(x => x.Final), Deadline, "the reducers to finalize");
    }
}
