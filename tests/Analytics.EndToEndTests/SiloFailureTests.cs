using Analytics.EndToEndTests.Infrastructure;
using Analytics.Testing;

namespace Analytics.EndToEndTests;

/// <summary>
/// Two silo processes, the API and the load generator; one silo is killed with SIGKILL mid-stream. Afterwards every
/// window equals the reference computed from the topic's own events, and the restarted silo takes partitions back.
/// </summary>
public sealed class SiloFailureTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_silo_killed_mid_stream_loses_nothing_counts_nothing_twice_and_a_restarted_silo_rejoins()
    {
        await using var grid = await ProcessGrid.StartAsync(silos: 2);
        var load = grid.RunLoadAsync(Deadline, "--rate", "400", "--duration", "45s", "--sites", "6", "--visitors", "5000",
            "--seed", "9", "--drain-timeout", "1s", "--mean-events-per-session", "8");

        await Eventually.Get(() => ApiWindows.CountedAsync(grid), n => n > 3_000, Deadline, "traffic to be counted");
        var killed = grid.Silos[1];
        killed.Kill();
        await Eventually.Get(() => ApiWindows.CountedAsync(grid), n => n > 9_000, Deadline, "the grid to go on without the killed silo");
        var restarted = await grid.StartSiloAsync("silo1-restarted");

        var generator = await load;
        Assert.Equal(0, generator.ExitCode);
        var events = TopicLog.Distinct(TopicLog.ReadAll(grid.Topic, ProcessGrid.Partitions));
        Assert.True(events.Count >= 15_000, $"only {events.Count} events were sent");
        await Eventually.Get(() => ApiWindows.CountedAsync(grid), n => n == events.Count, Deadline, $"{events.Count} events counted");

        await ApiWindows.AssertEqualToReferenceAsync(grid, events, Deadline);

        // The restarted silo took partitions back from the survivor.
        await Eventually.Get(() => Task.FromResult(restarted.Lines.Count(l => l.Contains("Reading partition"))), n => n > 0, Deadline, "the restarted silo to read partitions");
    }
}
