using System.CommandLine;
using Analytics.Bench.Support;
using Analytics.EventStore;
using Analytics.EventStore.DuckDb;
using Analytics.EventStore.Postgres;

namespace Analytics.Bench.Store;

/// <summary>
/// <c>event-store</c>: fills each store with the same log (10,000,000 events over 30 days, 3,000,000 visitors by
/// default), then measures the write rate, replayed writes, and the range queries of issue 14 against its targets.
/// Not part of <c>all</c>: filling takes minutes per store.
/// </summary>
internal static class StoreCommand
{
    private static readonly Option<string[]> Stores = new("--stores")
    {
        Description = "Stores to measure: duckdb, postgres (PostgreSQL from --postgres)",
        DefaultValueFactory = _ => ["duckdb"],
        AllowMultipleArgumentsPerToken = true,
    };
    private static readonly Option<int> Events = BenchOptions.Of("--events", "Events in the log", 10_000_000);
    private static readonly Option<int> Visitors = BenchOptions.Of("--visitors", "Visitors in the log", 3_000_000);
    private static readonly Option<int> Batch = BenchOptions.Of("--batch", "Events per write (what a shard writes at once)", 10_000);
    private static readonly Option<int> Repeats = BenchOptions.Of("--repeats", "Timed runs of each query (after 2 untimed)", 30);
    private static readonly Option<string> Postgres = BenchOptions.Of("--postgres", "PostgreSQL server connection string (a database is created and dropped)",
        Environment.GetEnvironmentVariable("ANALYTICS_TEST_POSTGRES") ?? "");
    private static readonly Option<string> Directory = BenchOptions.Of("--directory", "Folder for the DuckDB file (deleted afterwards)", Path.GetTempPath());

    public static Command Create()
    {
        var command = new Command("event-store", "Raw event stores: write rate and breakdown/visitor query times on a 30-day log") { Stores, Events, Visitors, Batch, Repeats, Postgres, Directory };
        command.SetAction(async (parse, cancellation) =>
        {
            var stores = parse.GetValue(Stores)!;
            BenchOptions.Check(Problems(stores, parse.GetValue(Events), parse.GetValue(Visitors), parse.GetValue(Postgres)!));
            var load = Machine.LoadAverageNow();
            var mark = Tables.Mark();
            var settings = new StoreLoad(parse.GetValue(Events), parse.GetValue(Visitors), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000, seed: 4);
            var results = new List<StoreResult>();
            foreach (var name in stores)
            {
                await using var target = await StoreTarget.OpenAsync(name, parse.GetValue(Postgres)!, parse.GetValue(Directory)!);
                results.Add(await StoreRun.MeasureAsync(name, target.Store, settings, parse.GetValue(Batch), parse.GetValue(Repeats), cancellation));
            }
            StoreReport.Print(results, settings, load, mark, BenchOptions.CommandLine(parse));
            ResultsFile.Append(BenchOptions.JsonPath(parse), "event-store",
                new { stores, events = parse.GetValue(Events), visitors = parse.GetValue(Visitors), batch = parse.GetValue(Batch), repeats = parse.GetValue(Repeats) },
                new { loadBefore = load, loadAfter = Machine.LoadAverageNow(), results });
        });
        return command;
    }

    private static IEnumerable<string> Problems(string[] stores, int events, int visitors, string postgres)
    {
        foreach (var s in stores.Where(s => s is not ("duckdb" or "postgres"))) yield return $"--stores takes duckdb and postgres, not {s}";
        if (events < StoreLoad.HourEvents * 2) yield return $"--events must be at least {StoreLoad.HourEvents * 2:N0}";
        if (visitors <= StoreLoad.HourVisitors * 2 || visitors > events / 3) yield return "--visitors must be above 200,000 and at most a third of --events";
        if (stores.Contains("postgres") && postgres.Length == 0) yield return "--postgres (or ANALYTICS_TEST_POSTGRES) is needed for the postgres store";
    }
}

/// <summary>A store on a fresh database, removed when disposed.</summary>
internal sealed class StoreTarget(IEventStore store, Func<Task> cleanup) : IAsyncDisposable
{
    public IEventStore Store => store;

    public static async Task<StoreTarget> OpenAsync(string name, string postgres, string directory)
    {
        if (name == "duckdb")
        {
            var folder = Path.Combine(directory, $"event-store-bench-{Environment.ProcessId}");
            System.IO.Directory.CreateDirectory(folder);
            return new StoreTarget(new DuckDbEventStore(Path.Combine(folder, "events.duckdb")), () => { System.IO.Directory.Delete(folder, true); return Task.CompletedTask; });
        }
        var database = $"event_store_bench_{Environment.ProcessId}";
        await PostgresAdmin.ExecuteAsync(postgres, $"CREATE DATABASE {database}");
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        return new StoreTarget(new PostgresEventStore(connection), () => PostgresAdmin.ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)"));
    }

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await cleanup();
    }
}

internal static class PostgresAdmin
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var source = Npgsql.NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
