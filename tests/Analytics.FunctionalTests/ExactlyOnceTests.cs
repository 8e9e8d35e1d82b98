using Analytics.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;

namespace Analytics.FunctionalTests;

/// <summary>Events posted over HTTP reach the grains through Kafka and the stream provider, each counted once.</summary>
public sealed class ExactlyOnceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Shards of one partition that stand at different offsets when silos die: the partition's resume point is the
    /// earliest of them, and each must skip what it had already saved.
    /// </summary>
    internal static readonly Dictionary<string, string?> SeveralShardsPerPartition = new() { ["Kafka:StreamsPerPartition"] = "3" };

    /// <summary>A log of events over several sites and many visitors, in request-sized batches.</summary>
    private static List<JsonArray> Batches(string run, int batches, int size, int sites) =>
        [.. Enumerable.Range(0, batches).Select(b => new JsonArray([.. Enumerable.Range(0, size).Select(i =>
        {
            var n = b * size + i;
            return (JsonNode)TestEvents.PageView($"{run}-{n}", $"site{n % sites}.{run}.test", $"visitor-{n % 97}", $"/p/{n % 13}");
        })]))];

    private static Dictionary<string, long> Expected(IEnumerable<JsonArray> batches) =>
        batches.SelectMany(b => b).GroupBy(e => (string)e!["site"]!).ToDictionary(g => g.Key, g => (long)g.Select(e => (string)e!["id"]!).Distinct().Count());

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
        var batches = Batches("once", batches: 8, size: 250, sites: 5);

        await PostAllAsync(grid.Http, batches);
        await PostAllAsync(grid.Http, batches.Take(2)); // a client retrying: the same ids again

        var expected = Expected(batches);
        await ExpectCountsAsync(grid, "once", expected);
        // Still exact after the grains saved and handed everything on.
        await Eventually.Get(async () => (await grid.Progress.GetProgress()).Durable.Sum(p => p.Offset), saved => saved >= 2500, Deadline, "saved resume points");
        Assert.Equal(expected.OrderBy(e => e.Key), (await CountsOf(grid, "once")).OrderBy(e => e.Key));
    }

    [Fact]
    public async Task Killing_every_silo_mid_stream_loses_nothing_and_counts_nothing_twice()
    {
        await using var grid = await GridHost.StartAsync(settings: SeveralShardsPerPartition);
        var batches = Batches("crash", batches: 24, size: 250, sites: 6);
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

        var expected = Expected(batches);
        Assert.True(countedBefore < expected.Values.Sum(), "the crash came after everything was counted");
        await ExpectCountsAsync(grid, "crash", expected);
    }
}
