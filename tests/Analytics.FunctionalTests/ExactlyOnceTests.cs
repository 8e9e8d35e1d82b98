using Analytics.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Reference;

namespace Analytics.FunctionalTests;

/// <summary>
/// Events posted over HTTP reach the grains through Kafka and the stream provider, each counted once: the sites' counts, and
/// every window of every metric against the reference, each window shown final never changing afterwards.
/// </summary>
public sealed class ExactlyOnceTests
{
    private const long SessionGap = 30 * 60_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Shards of one partition that stand at different offsets when silos die: the partition's resume point is the
    /// earliest of them, and each must skip what it had already saved.
    /// </summary>
    internal static readonly Dictionary<string, string?> SeveralShardsPerPartition = new() { ["Kafka:StreamsPerPartition"] = "3" };

    /// <summary>Page views over several sites and many visitors, 5 ms apart, ending now.</summary>
    private static List<AnalyticsEvent> Log(string run, int count, int sites)
    {
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - count * 5;
        return [.. Enumerable.Range(0, count).Select(n =>
        {
            var (site, page) = ($"site{n % sites}.{run}.test", $"/p/{n % 13}");
            return new AnalyticsEvent($"{run}-{n}", EventType.PageView, site, $"visitor-{n % 97}", start + n * 5, $"https://{site}{page}", page, null, null, null, 0);
        })];
    }

    /// <summary>The log in request-sized batches, in order.</summary>
    private static List<JsonArray> Batches(List<AnalyticsEvent> log, int size) => [.. log.Chunk(size).Select(EventJson.Batch)];

    private static Dictionary<string, long> Expected(IEnumerable<AnalyticsEvent> log) =>
        log.GroupBy(e => e.Site).ToDictionary(g => g.Key, g => (long)g.Select(e => e.Id).Distinct().Count());

    /// <summary>Every window equals the reference once all is counted and final, and none shown final on the way ever changed.</summary>
    private static async Task ExpectReferenceWindowsAsync(GridHost grid, List<AnalyticsEvent> log, ReferenceMetrics expected, FinalWindowWatch watch)
    {
        var (from, to) = RangeOf(log);
        await ReferenceRun.WaitUntilAllCountedAndFinalAsync(grid, log);
        var differences = await GridWindows.DifferencesAsync(grid.Cluster.Client, expected, from, to);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences.Take(30)));
        var wrongFinals = await GridWindows.FinalDifferencesAsync(watch, expected);
        Assert.True(wrongFinals.Count == 0, string.Join(Environment.NewLine, wrongFinals.Take(30)));
    }

    private static FinalWindowWatch Watch(GridHost grid, List<AnalyticsEvent> log, ReferenceMetrics expected)
    {
        var (from, to) = RangeOf(log);
        return GridWindows.Watch(grid, expected, from, to);
    }

    /// <summary>The range the windows are read over: the log's, with an hour on each side.</summary>
    private static (long From, long To) RangeOf(List<AnalyticsEvent> log) =>
        (log.Min(e => e.Timestamp) - 3_600_000, log.Max(e => e.Timestamp) + 3_600_000);

    private static async Task PostAllAsync(HttpClient http, IEnumerable<JsonArray> batches)
    {
        foreach (var batch in batches)
        {
            var response = await http.PostAsync(batch);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    private static async Task<Dictionary<string, long>> CountsOf(GridHost grid, string run) =>
        (await grid.Http.SiteCountsAsync()).Where(s => s.Key.Contains($".{run}.")).ToDictionary();

    private static async Task ExpectCountsAsync(GridHost grid, string run, Dictionary<string, long> expected)
    {
        var counts = await Eventually.Get(() => CountsOf(grid, run), c => c.Count == expected.Count && c.All(s => expected[s.Key] == s.Value), Deadline,
            $"site counts {string.Join(", ", expected)}");
        Assert.Equal(expected.OrderBy(e => e.Key), counts.OrderBy(e => e.Key));
    }

    [Fact]
    public async Task Every_event_posted_is_counted_once_and_resent_events_are_not_counted_again()
    {
        await using var grid = await GridHost.StartAsync();
        var log = Log("once", count: 2000, sites: 5);
        var batches = Batches(log, size: 250);
        var reference = ReferenceMetrics.Compute(log, SessionGap);
        await using var watch = Watch(grid, log, reference);

        await PostAllAsync(grid.Http, batches);
        await PostAllAsync(grid.Http, batches.Take(2)); // a client retrying: the same ids again

        var expected = Expected(log);
        await ExpectCountsAsync(grid, "once", expected);
        // Still exact after the grains saved and handed everything on.
        await Eventually.Get(async () => (await grid.Progress.GetProgress()).Durable.Sum(p => p.Offset), saved => saved >= 2500, Deadline, "saved resume points");
        Assert.Equal(expected.OrderBy(e => e.Key), (await CountsOf(grid, "once")).OrderBy(e => e.Key));
        await ExpectReferenceWindowsAsync(grid, log, reference, watch);
    }

    [Fact]
    public async Task Killing_every_silo_mid_stream_loses_nothing_and_counts_nothing_twice()
    {
        await using var grid = await GridHost.StartAsync(settings: SeveralShardsPerPartition);
        var log = Log("crash", count: 6000, sites: 6);
        var batches = Batches(log, size: 250);
        var reference = ReferenceMetrics.Compute(log, SessionGap);
        await using var watch = Watch(grid, log, reference);
        await PostAllAsync(grid.Http, batches.Take(8));
        await Eventually.Get(async () => (await grid.Progress.GetProgress()).Durable.Sum(p => p.Offset), saved => saved >= 1000, Deadline, "a first checkpoint");

        // Mid-stream: part of the log is applied and saved, part applied and not saved, part still in Kafka.
        var posting = PostAllAsync(grid.Http, batches.Skip(8));
        await Eventually.Get(() => CountsOf(grid, "crash"), c => c.Values.Sum() > 2000, Deadline, "events past the first checkpoint");
        var savedBefore = (await grid.Progress.GetProgress()).Durable;
        var countedBefore = (await CountsOf(grid, "crash")).Values.Sum();
        await grid.KillAllSilosAsync();
        await posting;
        await grid.RestartAsync();

        // The new cluster reads each partition from its saved resume point, not from the start.
        var started = await Eventually.Get(async () => (await grid.Progress.GetProgress()).Started, s => s.All(p => p is not null), Deadline, "receivers to start");
        for (var p = 0; p < GridHost.Partitions; p++)
            Assert.True(started[p]!.Value.Offset >= savedBefore[p].Offset, $"partition {p} restarted before its saved point");
        Assert.True(started.Sum(p => p!.Value.Offset) > 0, "every partition restarted from the beginning");

        var expected = Expected(log);
        Assert.True(countedBefore < expected.Values.Sum(), "the crash came after everything was counted");
        await ExpectCountsAsync(grid, "crash", expected);
        await ExpectReferenceWindowsAsync(grid, log, reference, watch);
    }
}
