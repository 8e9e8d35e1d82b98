using Analytics.Grains.Interfaces.Audience;
using Analytics.Grains.Interfaces.Goals;
using Analytics.Reference;

namespace Analytics.EventStore.Tests;

/// <summary>Goals and funnels of every store against <see cref="ReferenceGoals"/>: counts exactly, revenue to 1e-9.</summary>
public abstract class GoalContract(StoreFixture fixture)
{
    private static readonly ReferenceGoals Reference = new(new ReferenceBreakdown(StoreFixture.Log.Events, AudienceLog.SessionGapMs));
    private const long Hour = 3_600_000;

    private static GoalDefinition Page(string pattern) => new(pattern, Page: pattern);

    private static GoalDefinition Event(string name, params (string Key, string Value)[] props) =>
        new(name, Event: name, Props: props.Length == 0 ? null : props.ToDictionary(p => p.Key, p => p.Value));

    /// <summary>
    /// Exact pages (one differs from another page in case only), <c>*</c> at the end, start and middle, LIKE's <c>%</c>
    /// and <c>_</c> as plain characters (each has a page it would match as a wildcard), events with none, one and two props
    /// (clicks carry the name too), a name nobody sends, and purchase (conversions with and without a value).
    /// </summary>
    private static readonly GoalDefinition[] Goals =
    [
        GoalDefinition.Purchase, Page("/pricing"), Page("/pricing*"), Page("*/team"), Page("/blog/*"), Page("/sale_2026"),
        Page("/50%off"), Page("/sale_*"), Page("/*a*"), Event("signup"), Event("signup", ("plan", "pro")),
        Event("signup", ("plan", "pro"), ("ref", "r1")), Event("download", ("plan", "team")), Event("Signup"), Event("none"),
    ];

    /// <summary>Two steps both ways round (order matters), three, four, and a goal twice (one event moves one step).</summary>
    private static readonly GoalDefinition[][] Funnels =
    [
        [Page("/pricing*"), Event("signup")],
        [Event("signup"), Page("/pricing*")],
        [Page("/*"), Page("/pricing*"), GoalDefinition.Purchase],
        [Page("*"), Page("/*"), Event("signup"), GoalDefinition.Purchase],
        [Event("signup"), Event("signup")],
    ];

    /// <summary>No filter; two stamped; entry page; exit page and a prop; a campaign and a page.</summary>
    private static readonly (string Dimension, string Value)[][] FilterSets =
    [
        [],
        [("device", "mobile"), ("source", "Google")],
        [("entry_page", "/")],
        [("exit_page", "/pricing"), ("prop:plan", "pro")],
        [("utm_campaign", "spring"), ("browser", "Chrome")],
    ];

    /// <summary>Everything; a day that cuts sessions at both ends; one hour; an empty range.</summary>
    private static readonly (long From, long To)[] Ranges =
    [
        (AudienceLog.Start - Hour, AudienceLog.Start + 10 * 24 * Hour),
        (AudienceLog.Start + 13 * Hour + 17 * 60_000, AudienceLog.Start + 37 * Hour + 17 * 60_000),
        (AudienceLog.Start + 30 * Hour, AudienceLog.Start + 31 * Hour),
        (AudienceLog.Start - 2 * Hour, AudienceLog.Start - Hour),
    ];

    private static readonly string[] Sites = [.. AudienceLog.Sites.Take(2), "*"];

    private IEventStore Store => fixture.Store;

    [Fact]
    public async Task Goals_equal_the_reference()
    {
        var differences = new List<string>();
        var conversions = 0L;
        foreach (var goal in Goals)
        foreach (var site in Sites)
        foreach (var (from, to) in Ranges)
        foreach (var filters in FilterSets)
        {
            var expected = Reference.Goal(site, goal, from, to, filters);
            var actual = await Store.GoalAsync(site, goal, from, to, Filters(filters), default);
            conversions += expected.Conversions;
            if (expected.Visitors != actual.Visitors || expected.Conversions != actual.Conversions
                || Math.Abs(expected.Revenue - actual.Revenue) > 1e-9 * Math.Max(1, Math.Abs(expected.Revenue)))
                differences.Add($"{Describe(goal)} {site} [{from}, {to}) {string.Join(";", filters)}: expected {expected}, store {actual}");
        }
        Assert.True(differences.Count == 0, $"{differences.Count} differences:\n{string.Join("\n", differences.Take(10))}");
        foreach (var goal in Goals.Where(g => g.Name != "none"))
            Assert.True(Reference.Goal("*", goal, Ranges[0].From, Ranges[0].To, []).Conversions > 10, $"the log hardly exercises {Describe(goal)}");
        Assert.True(conversions > 10_000, $"only {conversions} conversions compared");
    }

    [Fact]
    public async Task Funnels_equal_the_reference()
    {
        var differences = new List<string>();
        foreach (var steps in Funnels)
        foreach (var site in Sites)
        foreach (var (from, to) in Ranges)
        foreach (var filters in FilterSets)
        {
            var expected = string.Join(" ", Reference.Funnel(site, steps, from, to, filters));
            var actual = string.Join(" ", await Store.FunnelAsync(site, steps, from, to, Filters(filters), default));
            if (expected != actual)
                differences.Add($"{string.Join(" > ", steps.Select(Describe))} {site} [{from}, {to}) {string.Join(";", filters)}: expected {expected}, store {actual}");
        }
        Assert.True(differences.Count == 0, $"{differences.Count} differences:\n{string.Join("\n", differences.Take(10))}");
        foreach (var steps in Funnels)
        {
            var reached = Reference.Funnel("*", steps, Ranges[0].From, Ranges[0].To, []);
            Assert.True(reached[^1] > 10, $"the log hardly reaches the end of {string.Join(" > ", steps.Select(Describe))}: {string.Join(" ", reached)}");
        }
    }

    [Fact]
    public async Task An_unknown_filter_dimension_is_a_typed_error()
    {
        var (from, to) = Ranges[0];
        var e = await Assert.ThrowsAsync<UnknownDimensionException>(() => Store.GoalAsync("a.example", GoalDefinition.Purchase, from, to, [new("colour", "red")]));
        Assert.Equal("colour", e.Dimension);
        e = await Assert.ThrowsAsync<UnknownDimensionException>(() => Store.FunnelAsync("a.example", Funnels[0], from, to, [new("prop:", "x")]));
        Assert.Equal("prop:", e.Dimension);
    }

    private static DimensionFilter[] Filters((string Dimension, string Value)[] filters) => [.. filters.Select(f => new DimensionFilter(f.Dimension, f.Value))];

    private static string Describe(GoalDefinition goal) =>
        goal.Page ?? (goal.Event is { } name ? $"{name}{string.Concat((goal.Props ?? new Dictionary<string, string>()).Select(p => $" {p.Key}={p.Value}"))}" : goal.Name);
}

public sealed class DuckDbGoalTests(DuckDbFixture fixture) : GoalContract(fixture), IClassFixture<DuckDbFixture>;

public sealed class PostgresGoalTests(PostgresFixture fixture) : GoalContract(fixture), IClassFixture<PostgresFixture>;
