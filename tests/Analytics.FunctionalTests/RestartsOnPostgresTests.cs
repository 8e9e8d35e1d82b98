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
            ["Kafka:StreamsPerPartition"] = ExactlyOnceTests.SeveralShardsPerPartition["Kafka:StreamsPerPartition"],
        };
        await using var grid = await GridHost.StartAsync(settings: settings);
        var (counted, log, from, to) = ReferenceEqualityTests.Log(Seed);
        var expected = ReferenceMetrics.Compute(counted, SessionGap);
        await using var watch = GridWindows.Watch(grid, expected, from, to);
        var random = new Random(Seed);
        var disruptions = new Func<Task>[]
        {
            () => KillOneAsync(grid),
            () => StopOneAsync(grid),
            grid.KillAllSilosAndRestartAsync,
            () => KillOneAsync(grid),
        };

        // The log goes to Kafka in one slice per disruption; each disruption comes at a random point of its slice's
        // counting, so that it always lands mid-log, with the rest of the log still to come.
        var slices = log.Chunk((log.Count + disruptions.Length - 1) / disruptions.Length).ToArray();
        var countedAfter = CountedAfterEachSlice(slices);
        for (var i = 0; i < disruptions.Length; i++)
        {
            await KafkaLog.ProduceAsync(grid.Topic, slices[i]);
            var before = i == 0 ? 0 : countedAfter[i - 1];
            var point = before + (long)((countedAfter[i] - before) * (0.2 + 0.7 * random.NextDouble()));
            await Eventually.Get(EventCountAsync(grid), n => n >= point, Deadline, $"{point} events counted before disruption {i}");
            output.WriteLine($"disruption {i} at {await EventCountAsync(grid)()} of {counted.Count} events");
            await disruptions[i]();
        }

        await ReferenceEqualityTests.WaitUntilAllCountedAndFinalAsync(grid, counted);
        var differences = await GridWindows.DifferencesAsync(grid.Cluster.Client, expected, from, to);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
        var wrongFinals = await GridWindows.FinalDifferencesAsync(watch, expected);
        Assert.True(wrongFinals.Count == 0, string.Join(Environment.NewLine, wrongFinals.Take(30)));
    }

    /// <summary>How many distinct events the log holds up to the end of each slice (copies count once).</summary>
    private static long[] CountedAfterEachSlice(AnalyticsEvent[][] slices)
    {
        var seen = new HashSet<(string Site, string Visitor, string Id)>();
        return [.. slices.Select(slice =>
        {
            foreach (var e in slice) seen.Add((e.Site, e.Visitor, e.Id));
            return (long)seen.Count;
        })];
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
