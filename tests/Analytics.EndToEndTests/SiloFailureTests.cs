using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.EndToEndTests.Infrastructure;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Reference;
using Analytics.Testing;

namespace Analytics.EndToEndTests;

/// <summary>
/// Two silo processes, the API and the load generator; one silo is killed with SIGKILL mid-stream. Afterwards every
/// window equals the reference computed from the topic's own events, and the restarted silo takes partitions back.
/// </summary>
public sealed class SiloFailureTests
{
    private const long SessionGap = 30 * 60_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_silo_killed_mid_stream_loses_nothing_counts_nothing_twice_and_a_restarted_silo_rejoins()
    {
        await using var grid = await ProcessGrid.StartAsync(silos: 2);
        var load = grid.RunLoadAsync(Deadline, "--rate", "400", "--duration", "45s", "--sites", "6", "--visitors", "5000",
            "--seed", "9", "--drain-timeout", "1s", "--mean-events-per-session", "8");

        await Eventually.Get(() => CountedAsync(grid), n => n > 3_000, Deadline, "traffic to be counted");
        var killed = grid.Silos[1];
        killed.Kill();
        await Eventually.Get(() => CountedAsync(grid), n => n > 9_000, Deadline, "the grid to go on without the killed silo");
        var restarted = await grid.StartSiloAsync("silo1-restarted");

        var generator = await load;
        Assert.Equal(0, generator.ExitCode);
        var events = TopicLog.Distinct(TopicLog.ReadAll(grid.Topic, ProcessGrid.Partitions));
        Assert.True(events.Count >= 15_000, $"only {events.Count} events were sent");
        await Eventually.Get(() => CountedAsync(grid), n => n == events.Count, Deadline, $"{events.Count} events counted");

        var expected = ReferenceMetrics.Compute(events, SessionGap);
        var from = WindowShapes.Floor(events.Min(e => e.Timestamp), 60_000) - 60_000;
        var to = events.Max(e => e.Timestamp) + 60_000;
        var differences = await Eventually.Get(() => ApiWindows.DifferencesAsync(grid.Http, grid.ApiUrl, expected, from, to),
            d => d.Count == 0, Deadline, "every window to equal the reference");
        Assert.Empty(differences);

        // The restarted silo took partitions back from the survivor.
        await Eventually.Get(() => Task.FromResult(restarted.Lines.Count(l => l.Contains("Reading partition"))), n => n > 0, Deadline, "the restarted silo to read partitions");
    }

    private static async Task<long> CountedAsync(ProcessGrid grid)
    {
        try
        {
            var sites = await grid.Http.GetFromJsonAsync<JsonObject>($"{grid.ApiUrl}/api/sites");
            return sites!["sites"]!.AsArray().Sum(s => (long)s!["events"]!);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Until membership declares the killed silo dead, calls to grains it hosted wait and time out.
            return -1;
        }
    }
}
