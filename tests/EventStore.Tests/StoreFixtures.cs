using Analytics.EventStore.DuckDb;

namespace Analytics.EventStore.Tests;

/// <summary>A store filled once per test class with <see cref="AudienceLog"/>, written the way shards write (see <see cref="Fill"/>).</summary>
public abstract class StoreFixture : IAsyncLifetime
{
    public static readonly AudienceLog Log = AudienceLog.Generate(seed: 14, visitors: 800);

    public IEventStore Store { get; private set; } = null!;

    protected abstract Task<IEventStore> CreateAsync();

    public async Task InitializeAsync()
    {
        Store = await CreateAsync();
        await Store.InitializeAsync();
        await Fill(Store, Log.Stored);
    }

    /// <summary>
    /// Batches of 97 in shuffled order; one batch holds copies of its own events; the third batch is written twice
    /// (a replay after a crash), and at the end the first 500 events once more (a replay from an older position).
    /// </summary>
    public static async Task Fill(IEventStore store, IReadOnlyList<StoredEvent> events)
    {
        var shuffled = events.OrderBy(e => e.Id.GetHashCode(StringComparison.Ordinal) ^ e.Site.GetHashCode(StringComparison.Ordinal)).ToList();
        var batches = shuffled.Chunk(97).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = i == 5 ? [.. batches[i], .. batches[i].Take(10)] : batches[i];
            await store.WriteAsync(batch);
            if (i == 2) await store.WriteAsync(batches[i]);
        }
        await store.WriteAsync(shuffled.Take(500).ToList());
    }

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();
}

public sealed class DuckDbFixture : StoreFixture
{
    private readonly string _directory = Directory.CreateTempSubdirectory("eventstore-tests-").FullName;

    protected override Task<IEventStore> CreateAsync() => Task.FromResult<IEventStore>(new DuckDbEventStore(Path.Combine(_directory, "events.duckdb")));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>A database of its own on the test server (deploy/local/services.sh), dropped afterwards.</summary>
public sealed class PostgresFixture : StoreFixture
{
    private string _connectionString = "";

    protected override async Task<IEventStore> CreateAsync()
    {
        _connectionString = await Analytics.Testing.TestPostgres.CreateDatabaseAsync("eventstore");
        return new Postgres.PostgresEventStore(_connectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Analytics.Testing.TestPostgres.DropDatabaseAsync(_connectionString);
    }
}
