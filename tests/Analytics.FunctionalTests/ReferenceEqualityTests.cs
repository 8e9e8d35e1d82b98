using Analytics.Testing;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Reference;

namespace Analytics.FunctionalTests;

/// <summary>
/// The grid against the plain reference computation (METRICS.md §6), on a log of over 100,000 events with
/// many sites, pages and visitors, sessions split by the gap, out-of-order events within the bound,
/// duplicate ids, and late events.
/// </summary>
public sealed class ReferenceEqualityTests
{
    private const long SessionGap = 30 * 60_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>The log spans two hours of event time; the grid keeps final windows for one by default.</summary>
    internal static readonly Dictionary<string, string?> KeepTheWholeLog = new() { ["Grid:FinalRetention"] = "04:00:00" };

    [Fact]
    public async Task Every_window_of_every_metric_equals_the_reference()
    {
        await using var grid = await GridHost.StartAsync(settings: KeepTheWholeLog);
        var (counted, log, from, to) = Log(seed: 11);
        var expected = ReferenceMetrics.Compute(counted, SessionGap);
        await using var watch = GridWindows.Watch(grid, expected, from, to);
        await KafkaLog.ProduceAsync(grid.Topic, log);

        await WaitUntilAllCountedAndFinalAsync(grid, counted);
        var differences = await GridWindows.DifferencesAsync(grid.Cluster.Client, expected, from, to);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));

        // Late events: far behind the final watermark, they count in no window and are kept on the late topic.
        var final = (await grid.Progress.GetProgress()).FinalWatermark;
        var late = counted.Where(e => e.Timestamp < final - 60_000).Take(500).Select(e => e with { Id = "late-" + e.Id }).ToList();
        await KafkaLog.ProduceAsync(grid.Topic, late);
        var expectedLate = late.Select(e => (e.Site, e.Visitor, e.Id)).ToHashSet();
        await Eventually.Get(() => Task.FromResult(KafkaLog.DistinctEvents($"{grid.Topic}.late", GridHost.Partitions)),
            onTopic => onTopic.SetEquals(expectedLate), Deadline, "exactly the late events on their topic");
        differences = await GridWindows.DifferencesAsync(grid.Cluster.Client, expected, from, to);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));

        // What the watermark passed is final.
        var windows = await grid.Cluster.Client.GetGrain<ISiteGrain>(SiteName.All).GetWindows(WindowFamily.PageViews, from, to);
        Assert.All(windows.Where(w => w.Start + 1000 <= final), w => Assert.True(w.Final, $"window {w.Start} not final under the final watermark {final}"));
        Assert.Contains(windows, w => !w.Final || w.Start + 1000 > final);
        var wrongFinals = await GridWindows.FinalDifferencesAsync(watch, expected);
        Assert.True(wrongFinals.Count == 0, string.Join(Environment.NewLine, wrongFinals.Take(30)));
    }

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
