using Analytics.FunctionalTests.Audience;
using Analytics.FunctionalTests.Goals;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Reference;
using Analytics.Testing;

namespace Analytics.FunctionalTests;

/// <summary>
/// One log, posted through the API by one sender in order, read three ways: paced (minutes of event time per checkpoint),
/// as fast as the API takes it, and as fast with silos killed mid-log on PostgreSQL. Lateness by rule (a) depends on the log
/// alone, so all three must give the reference's final windows, late events included (METRICS.md §2). The log is posted
/// as sites post it, with user agents, referrers and campaign URLs, so every breakdown and visitor count must equal the
/// reference too (METRICS.md §3b), whatever the speed and the kills; and so must goals and funnels defined once it is in (§5).
/// </summary>
public sealed class SpeedIndependenceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long SessionGap = 30 * 60_000;
    private const int Seed = 31;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly Lazy<Log> Shared = new(() => Log.Make(Seed));

    [Fact]
    public async Task Paced_the_log_gives_the_reference_windows()
    {
        await using var grid = await GridHost.StartAsync(settings: ReferenceRun.KeepTheWholeLog);
        var log = Shared.Value;
        await using var watch = GridWindows.Watch(grid, log.Expected, log.From, log.To);
        var posting = Batches(log.Posted, 500);
        // Three minutes of event time per second, with a checkpoint every second.
        var t0 = posting[0][0].Timestamp;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in posting)
        {
            var due = TimeSpan.FromSeconds((batch[0].Timestamp - t0) / 180_000.0);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            await PostAsync(grid, batch);
        }
        await ExpectReferenceAsync(grid, log, watch);
    }

    [Fact]
    public async Task Fast_the_log_gives_the_reference_windows()
    {
        await using var grid = await GridHost.StartAsync(settings: ReferenceRun.KeepTheWholeLog);
        var log = Shared.Value;
        await using var watch = GridWindows.Watch(grid, log.Expected, log.From, log.To);
        foreach (var batch in Batches(log.Posted, 1000)) await PostAsync(grid, batch);
        await ExpectReferenceAsync(grid, log, watch);
    }

    /// <summary>
    /// Readers hand the log on far faster than shards apply it, and call their partitions idle after a short quiet: with every
    /// partition idle the grid's watermark jumps to the log's newest while records still wait for their shard. None of them
    /// may turn late. This is the test that found consumers of an idle partition adopting the grid's watermark before they
    /// had applied what their reader handed on (CI counted 74 % of the log; the rest went to the late topic).
    /// </summary>
    [Fact]
    public async Task Written_to_kafka_at_once_with_readers_idle_long_before_their_shards_are_done_the_log_gives_the_reference_windows()
    {
        var settings = new Dictionary<string, string?>(ReferenceRun.KeepTheWholeLog) { ["Kafka:IdleTimeout"] = "00:00:00.300" };
        await using var grid = await GridHost.StartAsync(settings: settings);
        var log = Shared.Value;
        await using var watch = GridWindows.Watch(grid, log.Expected, log.From, log.To);
        await KafkaLog.ProduceAsync(grid.Topic, log.Posted);
        await ExpectReferenceAsync(grid, log, watch);

        // Events that arrive once everything is final, far behind the final watermark: they count in no window (the windows
        // still equal the reference) and are kept on the late topic.
        var final = (await grid.Progress.GetProgress()).FinalWatermark;
        var afterFinal = log.Counted.Where(e => e.Timestamp < final - 60_000).Take(500).Select(e => e with { Id = "after-final-" + e.Id }).ToList();
        await KafkaLog.ProduceAsync(grid.Topic, afterFinal);
        var expectedLate = afterFinal.Select(e => (e.Site, e.Visitor, e.Id)).ToHashSet();
        await Eventually.Get(() => Task.FromResult(KafkaLog.DistinctEvents($"{grid.Topic}.late", GridHost.Partitions)),
            onTopic => onTopic.IsSupersetOf(expectedLate), Deadline, "the events sent after the end on the late topic");
        var differences = await GridWindows.DifferencesAsync(grid.Cluster.Client, log.Expected, log.From, log.To);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences.Take(50)));
    }

    /// <summary>
    /// Silos killed, stopped and started at random points of the log, once all of them at the same time, with grain state in
    /// PostgreSQL (the project's scripts, Orleans' ADO.NET provider) and three shards per partition, which stand at different
    /// offsets when their silo dies. This is the test that found receivers taking themselves for idle on a restart.
    /// </summary>
    [Fact]
    public async Task Fast_with_silos_killed_mid_log_on_postgresql_the_log_gives_the_reference_windows()
    {
        var database = await TestPostgres.CreateDatabaseAsync("speed");
        await TestPostgres.ApplyScriptsAsync(database);
        var settings = new Dictionary<string, string?>(ReferenceRun.KeepTheWholeLog)
        {
            ["Cluster:Storage"] = "AdoNet",
            ["Cluster:ConnectionString"] = database,
            ["Grid:CheckpointInterval"] = "00:00:02",
            ["Kafka:StreamsPerPartition"] = ExactlyOnceTests.SeveralShardsPerPartition["Kafka:StreamsPerPartition"],
        };
        await using var grid = await GridHost.StartAsync(settings: settings);
        var log = Shared.Value;
        await using var watch = GridWindows.Watch(grid, log.Expected, log.From, log.To);
        var random = new Random(Seed);
        Func<Task>[] disruptions =
        [
            async () => { await grid.Cluster.KillSiloAsync(grid.Cluster.SecondarySilos[0]); await grid.Cluster.StartAdditionalSiloAsync(); },
            async () => { await grid.Cluster.StopSiloAsync(grid.Cluster.SecondarySilos[0]); await grid.Cluster.StartAdditionalSiloAsync(); },
            grid.KillAllSilosAndRestartAsync,
            async () => { await grid.Cluster.KillSiloAsync(grid.Cluster.SecondarySilos[0]); await grid.Cluster.StartAdditionalSiloAsync(); },
        ];
        // The log goes in one slice per disruption, each disruption at a random point of its slice's counting, so that it
        // always lands mid-log with the rest of the log still to come.
        var slices = log.Posted.Chunk((log.Posted.Count + disruptions.Length - 1) / disruptions.Length).ToArray();
        var countedAfter = log.CountedAfterEach(slices);
        for (var i = 0; i < disruptions.Length; i++)
        {
            foreach (var batch in Batches(slices[i], 1000)) await PostAsync(grid, batch);
            var before = i == 0 ? 0 : countedAfter[i - 1];
            var point = before + (long)((countedAfter[i] - before) * (0.2 + 0.6 * random.NextDouble()));
            await Eventually.Get(EventCount(grid), n => n >= point, Deadline, $"{point} events counted before disruption {i}");
            output.WriteLine($"disruption {i} at {await EventCount(grid)()} of {log.Counted.Count} events");
            await disruptions[i]();
        }
        await ExpectReferenceAsync(grid, log, watch);
    }

    private async Task ExpectReferenceAsync(GridHost grid, Log log, FinalWindowWatch watch)
    {
        await ReferenceRun.WaitUntilAllCountedAndFinalAsync(grid, log.Counted);
        var expected = log.Expected;
        var differences = await GridWindows.DifferencesAsync(grid.Cluster.Client, expected, log.From, log.To);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences.Take(50)));

        // Every window is final now but those within the out-of-orderness of the log's newest event: the log ended an hour
        // ago, every partition went idle, and the grid's watermark is the newest partition's.
        var watermark = log.Posted.Max(e => e.Timestamp) - 2000;
        var windows = await grid.Cluster.Client.GetGrain<ISiteGrain>(SiteName.All).GetWindows(WindowFamily.PageViews, log.From, log.To);
        Assert.All(windows.Where(w => w.Start + 1000 <= watermark), w => Assert.True(w.Final, $"window {w.Start} is not final"));

        // The events late by rule (a) are kept on the late topic; copies of counted events may be there too, nothing else.
        var late = log.Late.Select(e => (e.Site, e.Visitor, e.Id)).ToHashSet();
        var onTopic = await Eventually.Get(() => Task.FromResult(KafkaLog.DistinctEvents($"{grid.Topic}.late", GridHost.Partitions)),
            t => t.IsSupersetOf(late), Deadline, $"the {late.Count} late events on their topic");
        Assert.Empty(onTopic.Except(late).Except(log.Copied));
        var wrongFinals = await GridWindows.FinalDifferencesAsync(watch, expected);
        Assert.True(wrongFinals.Count == 0, string.Join(Environment.NewLine, wrongFinals.Take(30)));
        await ExpectReferenceAudienceAsync(grid, log);
        output.WriteLine($"{log.Counted.Count} counted, {late.Count} late, of {log.Posted.Count} posted");
    }

    /// <summary>
    /// Breakdowns and visitors up to a few seconds before the log's newest event: the grid's watermark stops there (every
    /// partition idle), and the store takes a session's events once its start is behind the watermark, so sessions that
    /// began in the log's last seconds stay out of it, as they would until later traffic.
    /// </summary>
    private async Task ExpectReferenceAudienceAsync(GridHost grid, Log log)
    {
        var settled = log.Posted.Max(e => e.Timestamp) - 10_000;
        var pageViews = log.Counted.Count(e => e.Type == EventType.PageView && e.Timestamp < settled);
        await Eventually.Get(async () => (await AudienceComparison.BreakdownAsync(grid.Http, "*", "source", log.From, settled, [])).Sum(r => r.Pageviews),
            n => n >= pageViews, Deadline, $"{pageViews} page views in the store");
        var sites = new[] { log.Counted[0].Site, "*" };
        var start = log.From + 3_600_000;
        (long, long)[] ranges = [(log.From, settled), (start + 1_800_000, start + 5_400_000)];
        (string, string)[][] filterSets = [[], [("source", "Google"), ("device", "mobile")], [("entry_page", "/p3")], [("prop:plan", "pro")]];
        var differences = await AudienceComparison.DifferencesAsync(grid.Http, log.Audience, sites, ranges, filterSets);
        Assert.True(differences.Count == 0, $"{differences.Count} differences:{Environment.NewLine}{string.Join(Environment.NewLine, differences.Take(40))}");

        // Goals and funnels defined now answer for the whole log (METRICS.md §5: evaluated when queried).
        await GoalComparison.DefineAsync(grid.Http, sites[0]);
        var goalDifferences = await GoalComparison.DifferencesAsync(grid.Http, log.Audience, sites[0], ranges, filterSets);
        Assert.True(goalDifferences.Count == 0, $"{goalDifferences.Count} differences:{Environment.NewLine}{string.Join(Environment.NewLine, goalDifferences.Take(40))}");
    }

    private static async Task PostAsync(GridHost grid, AnalyticsEvent[] batch)
    {
        var response = await grid.Http.PostAsync(EventJson.Batch(batch));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }

    private static AnalyticsEvent[][] Batches(IEnumerable<AnalyticsEvent> events, int size) => [.. events.Chunk(size)];

    private static Func<Task<long>> EventCount(GridHost grid) => () => grid.Cluster.Client.GetGrain<ISiteGrain>(SiteName.All).GetEventCount();

    /// <summary>The log as posted, and what the reference says of it.</summary>
    private sealed record Log(List<AnalyticsEvent> Posted, List<AnalyticsEvent> Counted, List<AnalyticsEvent> Late, HashSet<(string, string, string)> Copied, long From, long To)
    {
        public ReferenceMetrics Expected { get; } = ReferenceMetrics.Compute(Counted, SessionGap);

        public ReferenceBreakdown Audience { get; } = new(Counted.Select(AudienceLogs.AsAudienceEvent), SessionGap);

        public static Log Make(int seed)
        {
            var (generated, _, from, to) = ReferenceRun.Log(seed);
            var visits = PostedAudience.AsPosted(AudienceLogs.WithAudience(generated, seed));
            var sent = ReferenceLogs.WithDuplicates(ReferenceLogs.Arrival(visits, maxBehind: 1900, seed), share: 0.01, seed);
            var posted = ReferenceLateness.WithLateEvents(sent, every: 2000, lateByMs: 10 * 60_000, seed);
            var (counted, late) = ReferenceLateness.Judge(posted, GridHost.Partitions, maxOutOfOrdernessMs: 2000, allowedLatenessMs: 0);
            Assert.True(late.Count >= 30, $"only {late.Count} late events");
            Assert.True(counted.Count >= 100_000, $"only {counted.Count} counted events");
            var copied = posted.GroupBy(e => (e.Site, e.Visitor, e.Id)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            return new Log(posted, counted, late, copied, from, to);
        }

        /// <summary>How many counted events the posted log holds up to the end of each slice.</summary>
        public long[] CountedAfterEach(AnalyticsEvent[][] slices)
        {
            var counts = Counted.Select(e => (e.Site, e.Visitor, e.Id)).ToHashSet();
            var seen = new HashSet<(string, string, string)>();
            return [.. slices.Select(slice =>
            {
                foreach (var e in slice.Where(e => counts.Contains((e.Site, e.Visitor, e.Id)))) seen.Add((e.Site, e.Visitor, e.Id));
                return (long)seen.Count;
            })];
        }
    }
}
