using Analytics.EventStore;
using Analytics.Grains.Goals;
using Analytics.Grains.Interfaces.Audience;
using Analytics.Grains.Interfaces.Goals;
using Analytics.Grains.Interfaces.Grains;

namespace Analytics.UnitTests.Goals;

/// <summary>The site goals grain's rules over a store held in memory: bounds, the built-in goal, references, and write-first.</summary>
public sealed class SiteDefinitionsTests
{
    private const string Site = "shop.example.com";

    private static GoalDefinition Page(string name) => new(name, Page: "/" + name);

    private static (SiteDefinitions Definitions, DefinitionsStore Store) Start(SiteGoals? stored = null)
    {
        var store = new DefinitionsStore { Stored = stored ?? SiteGoals.None };
        return (new SiteDefinitions(store, Site), store);
    }

    [Fact]
    public async Task The_list_holds_purchase_first_then_goals_and_funnels_by_name_as_loaded()
    {
        var (definitions, _) = Start(new SiteGoals(
            [Page("signup"), Page("about"), new GoalDefinition("b", Event: "b")],
            [new FunnelDefinition("z", ["about", "signup"]), new FunnelDefinition("a", ["signup", "purchase"])]));

        var listed = await definitions.ListedAsync();

        Assert.Equal(["purchase", "about", "b", "signup"], listed.Goals.Select(g => g.Name));
        Assert.True(listed.Goals[0].BuiltIn);
        Assert.Equal(["a", "z"], listed.Funnels.Select(f => f.Name));
    }

    [Fact]
    public async Task A_put_creates_then_replaces_and_writes_each_change()
    {
        var (definitions, store) = Start();

        Assert.Equal(DefinitionPutOutcome.Created, (await definitions.PutGoalAsync(Page("pricing"))).Outcome);
        Assert.Equal(DefinitionPutOutcome.Replaced, (await definitions.PutGoalAsync(new GoalDefinition("pricing", Page: "/pricing*"))).Outcome);

        Assert.Equal("/pricing*", Assert.Single(store.Stored.Goals).Page);
        Assert.Equal(2, store.Writes);
    }

    [Fact]
    public async Task Purchase_cannot_be_put_or_deleted_and_nothing_is_written()
    {
        var (definitions, store) = Start();

        Assert.Equal(DefinitionPutOutcome.BuiltIn, (await definitions.PutGoalAsync(new GoalDefinition("purchase", Page: "/thanks"))).Outcome);
        Assert.Equal(DefinitionDelete.BuiltIn, await definitions.DeleteGoalAsync("purchase"));
        Assert.Equal(0, store.Writes);
    }

    [Fact]
    public async Task The_hundred_and_first_goal_and_the_twenty_first_funnel_are_too_many_but_replacing_one_is_not()
    {
        var goals = Enumerable.Range(0, GoalRules.MaxGoals).Select(i => Page($"g{i}")).ToArray();
        var funnels = Enumerable.Range(0, GoalRules.MaxFunnels).Select(i => new FunnelDefinition($"f{i}", ["g0", "purchase"])).ToArray();
        var (definitions, store) = Start(new SiteGoals(goals, funnels));

        Assert.Equal(DefinitionPutOutcome.TooMany, (await definitions.PutGoalAsync(Page("one-more"))).Outcome);
        Assert.Equal(DefinitionPutOutcome.TooMany, (await definitions.PutFunnelAsync(new FunnelDefinition("one-more", ["g1", "g2"]))).Outcome);
        Assert.Equal(0, store.Writes);
        Assert.Equal(DefinitionPutOutcome.Replaced, (await definitions.PutGoalAsync(Page("g5"))).Outcome);
        Assert.Equal(DefinitionPutOutcome.Replaced, (await definitions.PutFunnelAsync(new FunnelDefinition("f5", ["g1", "g2"]))).Outcome);
        Assert.Equal(GoalRules.MaxGoals + 1, (await definitions.ListedAsync()).Goals.Length);
    }

    [Fact]
    public async Task A_funnel_step_naming_no_goal_is_answered_with_its_index_and_purchase_counts_as_a_goal()
    {
        var (definitions, store) = Start(new SiteGoals([Page("pricing")], []));

        Assert.Equal(new DefinitionPut(DefinitionPutOutcome.UnknownGoal, 2),
            await definitions.PutFunnelAsync(new FunnelDefinition("f", ["pricing", "purchase", "signup", "nothing"])));
        Assert.Equal(0, store.Writes);
        Assert.Equal(DefinitionPutOutcome.Created, (await definitions.PutFunnelAsync(new FunnelDefinition("f", ["pricing", "purchase"]))).Outcome);
    }

    [Fact]
    public async Task A_goal_a_funnel_uses_cannot_be_deleted_until_the_funnel_is()
    {
        var (definitions, store) = Start(new SiteGoals([Page("pricing"), Page("signup")], [new FunnelDefinition("f", ["pricing", "signup"])]));

        Assert.Equal(DefinitionDelete.InUse, await definitions.DeleteGoalAsync("signup"));
        Assert.Equal(0, store.Writes);
        Assert.Equal(DefinitionDelete.Deleted, await definitions.DeleteFunnelAsync("f"));
        Assert.Equal(DefinitionDelete.NotFound, await definitions.DeleteFunnelAsync("f"));
        Assert.Equal(DefinitionDelete.Deleted, await definitions.DeleteGoalAsync("signup"));
        Assert.Equal(DefinitionDelete.NotFound, await definitions.DeleteGoalAsync("signup"));
        Assert.Equal(["pricing"], store.Stored.Goals.Select(g => g.Name));
    }

    [Fact]
    public async Task Definitions_are_read_once_and_a_read_that_fails_is_tried_again_by_the_next_call()
    {
        var (definitions, store) = Start(new SiteGoals([Page("pricing")], []));
        store.FailingReads = 1;

        await Assert.ThrowsAsync<IOException>(definitions.ListedAsync);
        Assert.Equal(["purchase", "pricing"], (await definitions.ListedAsync()).Goals.Select(g => g.Name));
        store.Stored = SiteGoals.None;
        Assert.Equal(2, (await definitions.ListedAsync()).Goals.Length);
    }

    [Fact]
    public async Task A_change_whose_write_fails_changes_nothing()
    {
        var (definitions, store) = Start(new SiteGoals([Page("pricing")], []));
        await definitions.ListedAsync();
        store.Failing = true;

        await Assert.ThrowsAsync<IOException>(() => definitions.PutGoalAsync(Page("signup")));
        await Assert.ThrowsAsync<IOException>(() => definitions.DeleteGoalAsync("pricing"));
        await Assert.ThrowsAsync<IOException>(() => definitions.PutFunnelAsync(new FunnelDefinition("f", ["pricing", "purchase"])));

        Assert.Equal(["purchase", "pricing"], (await definitions.ListedAsync()).Goals.Select(g => g.Name));
        Assert.Empty((await definitions.ListedAsync()).Funnels);
        store.Failing = false;
        Assert.Equal(DefinitionPutOutcome.Created, (await definitions.PutGoalAsync(Page("signup"))).Outcome);
    }

    /// <summary>Holds one site's definitions; every other member of the store is out of this test's scope.</summary>
    private sealed class DefinitionsStore : IEventStore
    {
        public SiteGoals Stored { get; set; } = SiteGoals.None;

        public int Writes { get; private set; }

        public bool Failing { get; set; }

        public int FailingReads { get; set; }

        public Task InitializeAsync(CancellationToken cancellation = default) => Task.CompletedTask;

        public Task<SiteGoals> ReadGoalsAsync(string site, CancellationToken cancellation = default)
        {
            if (FailingReads-- > 0) throw new IOException("the store is down");
            return Task.FromResult(site == Site ? Stored : SiteGoals.None);
        }

        public Task WriteGoalsAsync(string site, SiteGoals goals, CancellationToken cancellation = default)
        {
            if (Failing) throw new IOException("the store is down");
            Assert.Equal(Site, site);
            (Stored, Writes) = (goals, Writes + 1);
            return Task.CompletedTask;
        }

        public Task WriteAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellation = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<BreakdownRow>> BreakdownAsync(string site, string dimension, long from, long to, IReadOnlyList<DimensionFilter> filters,
            int limit, CancellationToken cancellation = default) => throw new NotSupportedException();

        public Task<long> VisitorsAsync(string site, long from, long to, IReadOnlyList<DimensionFilter> filters, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public Task<GoalTotals> GoalAsync(string site, GoalDefinition goal, long from, long to, IReadOnlyList<DimensionFilter> filters,
            CancellationToken cancellation = default) => throw new NotSupportedException();

        public Task<long[]> FunnelAsync(string site, IReadOnlyList<GoalDefinition> steps, long from, long to, IReadOnlyList<DimensionFilter> filters,
            CancellationToken cancellation = default) => throw new NotSupportedException();

        public Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellation = default) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
