using System.Diagnostics;
using System.Net;
using Analytics.EndToEndTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Reference;
using Analytics.Testing;
using Npgsql;

namespace Analytics.EndToEndTests;

/// <summary>
/// Three silo processes on PostgreSQL under live traffic (duplicates, also across a checkpoint, and late events), and three
/// SIGKILLs at random points, one of them while a checkpoint is being written. The reference is built from what the API
/// answered 202 for, so an event lost anywhere shows; every metric of every site and of <c>*</c>, per-page windows and top
/// pages are compared through the API, and no window shown final may ever change.
/// </summary>
public sealed class SiloFailureTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long SessionGap = 30 * 60_000;
    private const int Seed = 9;
    private const int Sites = 6;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Traffic = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Silos_killed_under_traffic_lose_nothing_count_nothing_twice_and_change_no_final_window()
    {
        var server = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString);
        await using var slowLink = TcpProxy.Start("127.0.0.1", server.Port);
        slowLink.Delay = TimeSpan.FromMilliseconds(150);
        await using var grid = await ProcessGrid.StartAsync(silos: 2);
        var overSlowLink = new Dictionary<string, string>
        {
            ["Cluster:ConnectionString"] = new NpgsqlConnectionStringBuilder(grid.ConnectionString) { Host = "127.0.0.1", Port = slowLink.Port }.ConnectionString,
            ["Logging:LogLevel:Analytics.Grains.Shards"] = "Debug",
        };
        await grid.StartSiloAsync("silo2-slow-storage", overSlowLink);
        var traffic = new LiveTraffic(Seed, Sites, visitorsPerSite: 400);
        await using var watch = ApiWindows.Watch(grid, traffic.SitesAndAll);
        var random = new Random(Seed);
        var accepted = new List<AnalyticsEvent>();
        var clock = Stopwatch.StartNew();
        var kills = new Queue<(TimeSpan At, Func<Task> Kill)>(
        [
            (Jitter(8), () => KillAndRestartAsync(grid, grid.Silos[1], "silo1-restarted")),
            (Jitter(18), () => KillDuringCheckpointAsync(grid, grid.Silos[2])),
            (Jitter(28), () => KillAndRestartAsync(grid, grid.Silos[0], "silo0-restarted")),
        ]);
        Task killing = Task.CompletedTask;
        // Traffic goes on until every kill is done and its silo restarted.
        while (clock.Elapsed < Traffic || kills.Count > 0 || !killing.IsCompleted)
        {
            var batch = traffic.Next(count: 50, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var response = await grid.Http.PostAsync($"{grid.ApiUrl}/api/events", new StringContent(EventJson.Batch(batch).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            accepted.AddRange(batch);
            if (kills.Count > 0 && clock.Elapsed >= kills.Peek().At && killing.IsCompleted) killing = kills.Dequeue().Kill();
            await Task.Delay(100);
        }
        await killing;

        var (counted, late) = ReferenceLateness.Judge(accepted, ProcessGrid.Partitions, maxOutOfOrdernessMs: 2000, allowedLatenessMs: 0);
        output.WriteLine($"{accepted.Count} accepted, {counted.Count} counted, {late.Count} late");
        Assert.True(late.Count >= 20, $"only {late.Count} late events");
        await Eventually.Get(() => ApiWindows.CountedAsync(grid), n => n == counted.Count, Deadline, $"{counted.Count} events counted");

        var expected = ReferenceMetrics.Compute(counted, SessionGap);
        await ApiWindows.AssertEqualToReferenceAsync(grid, expected, counted, Deadline);
        var wrongFinals = FinalWindowWatch.WrongFinals(await watch.StopAsync(), expected.Named());
        Assert.True(wrongFinals.Count == 0, string.Join(Environment.NewLine, wrongFinals.Take(30)));

        var lateIds = late.Select(e => (e.Site, e.Visitor, e.Id)).ToHashSet();
        await Eventually.Get(() => Task.FromResult(TopicLog.ReadAll($"{grid.Topic}.late", ProcessGrid.Partitions).Select(e => (e.Site, e.Visitor, e.Id)).ToHashSet()),
            onTopic => onTopic.IsSupersetOf(lateIds), Deadline, $"the {lateIds.Count} late events on their topic");

        TimeSpan Jitter(int seconds) => TimeSpan.FromSeconds(seconds + random.NextDouble() * 4);
    }

    private static async Task KillAndRestartAsync(ProcessGrid grid, GridProcess silo, string name)
    {
        silo.Kill();
        await grid.StartSiloAsync(name);
    }

    /// <summary>
    /// Storage behind a slow link makes each checkpoint of this silo take a while: the kill comes when its log says a save
    /// began, and the log proves that save never finished.
    /// </summary>
    private async Task KillDuringCheckpointAsync(ProcessGrid grid, GridProcess silo)
    {
        var begun = silo.Lines.Count(l => l.Contains("Saving checkpoint"));
        await Eventually.True(() => silo.Lines.Count(l => l.Contains("Saving checkpoint")) > begun, Deadline, "a checkpoint to begin");
        silo.Kill();
        await silo.WaitForExitAsync(TimeSpan.FromSeconds(10)); // and its output read to the end
        var lines = silo.Lines.ToList();
        var lastBegun = lines.FindLastIndex(l => l.Contains("Saving checkpoint"));
        var lastDone = lines.FindLastIndex(l => l.Contains("Saved checkpoint"));
        output.WriteLine($"killed {silo.Name} with a save begun at line {lastBegun} and the last save done at line {lastDone}");
        Assert.True(lastBegun > lastDone, "the silo was killed after its save had finished");
        await grid.StartSiloAsync($"{silo.Name}-restarted");
    }
}
