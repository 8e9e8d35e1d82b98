using Analytics.EventStore.DuckDb;
using Analytics.EventStore.Postgres;
using Analytics.Grains.Interfaces.Goals;
using Analytics.Testing;

namespace Analytics.EventStore.Tests;

/// <summary>
/// A site's goal and funnel definitions are kept by the store: exactly as written (props in their order, steps in
/// theirs), per site, replaced whole, and still there for a new instance of the store on the same database.
/// </summary>
public abstract class DefinitionsContract : IAsyncLifetime
{
    private static readonly SiteGoals Written = new(
        [
            new("pricing", Page: "/pricing*"),
            new("sale", Page: "/50%_off\\now"),
            new("signup-pro", Event: "signup", Props: new Dictionary<string, string> { ["plan"] = "pro", ["ab"] = "b", ["Zeta"] = "ü \"q\"" }),
            new("download", Event: "download"),
        ],
        [new("checkout", ["signup-pro", "pricing", "purchase"]), new("two", ["download", "sale"])]);

    /// <summary>A new instance of the store on this test's database, initialized.</summary>
    protected abstract Task<IEventStore> OpenAsync();

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    [Fact]
    public async Task Definitions_round_trip_exactly_and_survive_reopening()
    {
        await using (var store = await OpenAsync())
        {
            Assert.Equal(Describe(SiteGoals.None), Describe(await store.ReadGoalsAsync("a.example")));
            await store.WriteGoalsAsync("a.example", Written);
            Assert.Equal(Describe(Written), Describe(await store.ReadGoalsAsync("a.example")));
            Assert.Equal(Describe(SiteGoals.None), Describe(await store.ReadGoalsAsync("b.example")));
        }
        await using (var reopened = await OpenAsync())
            Assert.Equal(Describe(Written), Describe(await reopened.ReadGoalsAsync("a.example")));
    }

    [Fact]
    public async Task Writing_replaces_the_whole_set_and_leaves_other_sites_alone()
    {
        await using var store = await OpenAsync();
        await store.WriteGoalsAsync("a.example", Written);
        await store.WriteGoalsAsync("b.example", Written);
        var fewer = new SiteGoals([Written.Goals[1], Written.Goals[3]], [Written.Funnels[1]]);
        await store.WriteGoalsAsync("a.example", fewer);
        Assert.Equal(Describe(fewer), Describe(await store.ReadGoalsAsync("a.example")));
        await store.WriteGoalsAsync("a.example", SiteGoals.None);
        Assert.Equal(Describe(SiteGoals.None), Describe(await store.ReadGoalsAsync("a.example")));
        Assert.Equal(Describe(Written), Describe(await store.ReadGoalsAsync("b.example")));
    }

    /// <summary>Every field, in the order the store gives them: equal text means an exact round trip.</summary>
    private static string Describe(SiteGoals goals) => string.Join("\n",
        goals.Goals.Select(g => $"goal {g.Name} page={g.Page ?? "-"} event={g.Event ?? "-"} props={(g.Props is null ? "-" : string.Join(",", g.Props.Select(p => $"{p.Key}={p.Value}")))}")
            .Concat(goals.Funnels.Select(f => $"funnel {f.Name}: {string.Join(" > ", f.Steps)}")));
}

public sealed class DuckDbDefinitionsTests : DefinitionsContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("eventstore-goals-").FullName;

    protected override async Task<IEventStore> OpenAsync()
    {
        var store = new DuckDbEventStore(Path.Combine(_directory, "events.duckdb"));
        await store.InitializeAsync();
        return store;
    }

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PostgresDefinitionsTests : DefinitionsContract
{
    private string _connectionString = "";

    protected override async Task<IEventStore> OpenAsync()
    {
        var store = new PostgresEventStore(_connectionString);
        await store.InitializeAsync();
        return store;
    }

    public override async Task InitializeAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync("goals");

    public override Task DisposeAsync() => TestPostgres.DropDatabaseAsync(_connectionString);
}
