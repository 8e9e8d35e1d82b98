using Analytics.EndToEndTests.Infrastructure;
using Analytics.Testing;
using Npgsql;

namespace Analytics.EndToEndTests;

/// <summary>
/// PostgreSQL becomes unreachable under a running grid (membership, grain state and stream progress all live
/// there): the silo keeps counting and answering, checkpoints keep failing and retrying, and Kafka offsets stay
/// where saved state is. The silo is then killed while storage is still away, so only what was saved survives;
/// once PostgreSQL is back, a new silo brings every window to the reference.
/// </summary>
public sealed class PostgresOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Silos_keep_serving_without_postgres_offsets_stay_behind_saved_state_and_nothing_is_lost()
    {
        var server = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString);
        await using var proxy = TcpProxy.Start("127.0.0.1", server.Port);
        await using var grid = await ProcessGrid.StartAsync(silos: 1, postgres: database =>
            new NpgsqlConnectionStringBuilder(database) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ConnectionString);

        // Before the outage: everything is counted and saved, and the group's offsets reach the end of the topic.
        await LoadAsync(grid, seed: 1);
        var before = TopicLog.EndOffsets(grid.Topic, ProcessGrid.Partitions);
        await Eventually.Get(() => ApiWindows.CountedAsync(grid), n => n == Distinct(grid).Count, Deadline, "the first traffic to be counted");
        await Eventually.Get(() => Task.FromResult(GroupOffsets.Committed(grid.Topic, ProcessGrid.Partitions)),
            c => c.SequenceEqual(before), Deadline, "offsets to be committed behind saved state");

        proxy.Cut();
        var silo = grid.Silos[0];
        var failuresAtCut = SaveFailures(silo);
        await LoadAsync(grid, seed: 2);
        var total = Distinct(grid).Count;
        Assert.True(total > before.Sum(), "the second traffic reached Kafka");

        // The silo serves from memory: the new events are counted and queryable with PostgreSQL away.
        await Eventually.Get(() => ApiWindows.CountedAsync(grid), n => n == total, Deadline, $"all {total} events counted without PostgreSQL");
        // Checkpoints fail and are tried again, interval after interval.
        await Eventually.Get(() => Task.FromResult(SaveFailures(silo) - failuresAtCut), n => n >= 3, Deadline, "checkpoints to fail and retry");
        Assert.Equal(before, GroupOffsets.Committed(grid.Topic, ProcessGrid.Partitions));

        // Only saved state survives a SIGKILL; the new silo replays from the committed offsets once PostgreSQL is back.
        silo.Kill();
        proxy.Restore();
        await grid.StartSiloAsync("silo-after-outage");
        var events = Distinct(grid);
        await Eventually.Get(() => ApiWindows.CountedAsync(grid), n => n == events.Count, Deadline, $"{events.Count} events counted after the outage");
        await ApiWindows.AssertEqualToReferenceAsync(grid, events, Deadline);
        await Eventually.Get(() => Task.FromResult(GroupOffsets.Committed(grid.Topic, ProcessGrid.Partitions)),
            c => c.SequenceEqual(TopicLog.EndOffsets(grid.Topic, ProcessGrid.Partitions)), Deadline, "offsets to advance again once state is saved");
    }

    private static async Task LoadAsync(ProcessGrid grid, int seed)
    {
        var load = await grid.RunLoadAsync(Deadline, "--rate", "300", "--duration", "8s", "--sites", "4", "--visitors", "2000",
            "--seed", seed.ToString(), "--drain-timeout", "1s", "--mean-events-per-session", "6");
        Assert.True(load.ExitCode == 0, load.Output);
    }

    private static List<Grains.Interfaces.Events.AnalyticsEvent> Distinct(ProcessGrid grid) =>
        TopicLog.Distinct(TopicLog.ReadAll(grid.Topic, ProcessGrid.Partitions));

    private static int SaveFailures(GridProcess silo) => silo.Lines.Count(l => l.Contains("Could not save"));
}
