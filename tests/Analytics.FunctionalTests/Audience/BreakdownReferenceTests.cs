using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Reference;
using Analytics.Testing;

namespace Analytics.FunctionalTests.Audience;

/// <summary>
/// Breakdowns and distinct visitors through the query API against the plain reference (METRICS.md §3b, §5, §6), on a
/// log with out-of-order events within the bound (so a session's first event often arrives after a later one),
/// duplicates, sessions split by the gap, campaigns and props, with every silo killed mid-log.
/// </summary>
public sealed class BreakdownReferenceTests
{
    private const long SessionGap = 30 * 60_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private static readonly (string Dimension, string Value)[][] FilterSets =
    [
        [],
        [("source", "Google")],
        [("device", "mobile"), ("utm_campaign", "winter")],
        [("entry_page", "/p3")],
        [("exit_page", "/")],
        [("page", "/p1"), ("browser", "Chrome")],
        [("prop:plan", "pro")],
    ];

    [Fact]
    public async Task Every_breakdown_and_visitor_count_equals_the_reference_with_every_silo_killed_mid_log()
    {
        await using var grid = await GridHost.StartAsync(settings: ReferenceRun.KeepTheWholeLog);
        var start = DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeMilliseconds() / 60_000 * 60_000;
        var counted = AudienceLogs.WithAudience(ReferenceLogs.Visits(seed: 31, sites: 6, visitorsPerSite: 400, start, "breakdown.test"), seed: 31);
        var log = ReferenceLogs.WithDuplicates(ReferenceLogs.Arrival(counted, maxBehind: 1900, seed: 31), share: 0.02, seed: 31);
        var last = counted.Max(e => e.Timestamp);
        // One later event per partition lets the watermark pass the log's last sessions; their own sessions never settle.
        var closing = ClosingEvents(last + 5_000);
        var reference = new ReferenceBreakdown(counted.Select(AudienceLogs.AsAudienceEvent), SessionGap);

        var half = log.Count / 2;
        await KafkaLog.ProduceAsync(grid.Topic, log.Take(half));
        await Eventually.Get(async () => (await grid.Progress.GetProgress()).Durable.Sum(p => p.Offset), saved => saved >= half / 4, Deadline, "a first checkpoint");
        await grid.KillAllSilosAsync();
        await KafkaLog.ProduceAsync(grid.Topic, log.Skip(half).Concat(closing));
        await grid.RestartAsync();

        await ReferenceRun.WaitUntilAllCountedAndFinalAsync(grid, [.. counted, .. closing]);
        // Every page view of the log is in the store once this many show for all sites together.
        var pageViews = counted.Count(e => e.Type == EventType.PageView);
        await Eventually.Get(async () => (await AudienceComparison.BreakdownAsync(grid.Http, "*", "source", start - 3_600_000, last + 1, [])).Sum(r => r.Pageviews),
            n => n >= pageViews, Deadline, $"{pageViews} page views in the store");

        var sites = counted.Select(e => e.Site).Distinct().Order().Take(2).Append("*").ToList();
        var ranges = new[] { (start - 3_600_000, last + 1), (start + 1_800_000, start + 3_600_000) };
        var differences = await AudienceComparison.DifferencesAsync(grid.Http, reference, sites, ranges, FilterSets);
        Assert.True(differences.Count == 0, $"{differences.Count} differences:{Environment.NewLine}{string.Join(Environment.NewLine, differences.Take(40))}");
    }

    private static List<AnalyticsEvent> ClosingEvents(long time)
    {
        var closing = new List<AnalyticsEvent>();
        var covered = new HashSet<int>();
        for (var v = 0; covered.Count < GridHost.Partitions; v++)
        {
            var visitor = $"closing-{v}";
            if (covered.Add(KafkaPartitioner.PartitionOf(AnalyticsEvent.KeyOf("closing.breakdown.test", visitor), GridHost.Partitions)))
                closing.Add(new AnalyticsEvent($"closing-{v}", EventType.Click, "closing.breakdown.test", visitor, time, null, null, null, null, null, 0));
        }
        return closing;
    }
}
