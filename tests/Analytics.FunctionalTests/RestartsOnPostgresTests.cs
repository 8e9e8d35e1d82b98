using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Reference;
using Analytics.Testing;

namespace Analytics.FunctionalTests;

/// <summary>
/// The reference comparison of <see cref="ReferenceEqualityTests"/> with grain state in PostgreSQL (the project's
/// scripts, Orleans' ADO.NET provider) while silos are killed, stopped and started at random points of the log,
/// once all of them at the same time. It found receivers that took themselves for idle on a restart (README,
/// "Known problems").
/// </summary>
public sealed class RestartsOnPostgresTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long SessionGap = 30 * 60_000;
    private const int Seed = 23;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Every_window_equals_the_reference_with_silos_killed_and_started_mid_log_on_postgresql()
    {
        var database = await TestPostgres.CreateDatabaseAsync("restarts");
        await TestPostgres.ApplyScriptsAsync(database);
        var settings = new Dictionary<string, string?>(ReferenceEqualityTests.KeepTheWholeLog)
        {
            ["Cluster:Storage"] = "AdoNet",
            ["Cluster:ConnectionString"] = database,
            ["Grid:CheckpointInterval"] = "00:00:02",
        };
        await using var grid = await GridHost.StartAsync(settings: settings);
        var (counted, log, from, to) = ReferenceEqualityTests.Log(Seed);
        var random = new Random(Seed);
        var disruptions = new Func<Task>[]
        {
            () => KillOneAsync(grid),
            () => StopOneAsync(grid),
            grid.KillAllSilosAndRestartAsync,
            () => KillOneAsync(grid),
        };

        // The whole log goes to Kafka while the grid reads it; each disruption comes at a random point of its quarter.
        var producing = KafkaLog.ProduceAsync(grid.Topic, log);
        for (var i = 0; i < disruptions.Length; i++)
        {
            var point = (long)(counted.Count * (i + 0.2 + 0.7 * random.NextDouble()) / disruptions.Length);
            await Eventually.Get(EventCountAsync(grid), n => n >= point, Deadline, $"{point} events counted before disruption {i}");
            output.WriteLine($"disruption {i} at {await EventCountAsync(grid)()} of {counted.Count} events");
            await disruptions[i]();
        }
        await producing;

        await ReferenceEqualityTests.WaitUntilAllCountedAndFinalAsync(grid, counted);
        var differences = await GridWindows.DifferencesAsync(grid.Cluster.Client, ReferenceMetrics.Compute(counted, SessionGap), from, to);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    private static Func<Task<long>> EventCountAsync(GridHost grid) =>
        () => grid.Cluster.Client.GetGrain<ISiteGrain>(SiteName.All).GetEventCount();

    /// <summary>Kills a silo other than the primary (which holds the test cluster's membership) and starts a new one.</summary>
    private static async Task KillOneAsync(GridHost grid)
    {
        await grid.Cluster.KillSiloAsync(grid.Cluster.SecondarySilos[0]);
        await grid.Cluster.StartAdditionalSiloAsync();
    }

    /// <summary>Stops a silo gracefully (its grains deactivate and save) and starts a new one.</summary>
    private static async Task StopOneAsync(GridHost grid)
    {
        await grid.Cluster.StopSiloAsync(grid.Cluster.SecondarySilos[0]);
        await grid.Cluster.StartAdditionalSiloAsync();
    }
}
