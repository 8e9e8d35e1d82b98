using Analytics.Grains.Interfaces.Audience;
using Analytics.Enrichment;
using Analytics.Reference;

namespace Analytics.EventStore.Tests;

/// <summary>What every store must answer, compared with <see cref="ReferenceBreakdown"/>: counts exactly, rates to 1e-9.</summary>
public abstract class StoreContract(StoreFixture fixture)
{
    private static readonly ReferenceBreakdown Reference = new(StoreFixture.Log.Events, AudienceLog.SessionGapMs);
    private const long Hour = 3_600_000;

    public static readonly TheoryData<string> Dimensions = new([.. DimensionNames.All, "prop:plan", "prop:ref"]);

    /// <summary>No filter; two session-scoped; a session-scoped and an event-scoped; entry page and a prop; exit page and page.</summary>
    private static readonly (string Dimension, string Value)[][] FilterSets =
    [
        [],
        [("device", "mobile"), ("source", "Google")],
        [("utm_campaign", "spring"), ("page", "/pricing")],
        [("entry_page", "/docs"), ("prop:plan", "pro")],
        [("exit_page", "/"), ("page", "/docs")],
        [("country", "(none)"), ("browser", "Chrome")],
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

    [Theory]
    [MemberData(nameof(Dimensions))]
    public async Task Breakdown_equals_the_reference(string dimension)
    {
        var compared = 0;
        foreach (var site in Sites)
        foreach (var (from, to) in Ranges)
        foreach (var filters in FilterSets)
        {
            var expected = Reference.Breakdown(site, dimension, from, to, filters, limit: 1000);
            var actual = await Store.BreakdownAsync(site, dimension, from, to, [.. filters.Select(f => new DimensionFilter(f.Dimension, f.Value))], 1000);
            Equal(expected, actual, $"{site} {dimension} [{from}, {to}) filters {string.Join(";", filters)}");
            compared += expected.Count;
        }
        Assert.True(compared > 50, $"only {compared} rows compared: the log does not exercise {dimension}");
    }

    [Fact]
    public async Task Breakdown_keeps_the_first_rows_by_visitors_then_value()
    {
        var (from, to) = Ranges[0];
        foreach (var dimension in new[] { "page", "source", "exit_page" })
        {
            var expected = Reference.Breakdown("*", dimension, from, to, [], limit: 3);
            Equal(expected, await Store.BreakdownAsync("*", dimension, from, to, [], 3), $"* {dimension} limit 3");
        }
    }

    [Fact]
    public async Task Visitors_equal_the_reference()
    {
        foreach (var site in Sites)
        foreach (var (from, to) in Ranges)
        foreach (var filters in FilterSets)
        {
            var expected = Reference.Visitors(site, from, to, filters);
            var actual = await Store.VisitorsAsync(site, from, to, [.. filters.Select(f => new DimensionFilter(f.Dimension, f.Value))]);
            Assert.True(expected == actual, $"{site} [{from}, {to}) filters {string.Join(";", filters)}: expected {expected} visitors, store {actual}");
        }
        Assert.True(Reference.Visitors("*", Ranges[0].From, Ranges[0].To, []) > 700, "site * must count a name on two sites twice");
    }

    [Fact]
    public async Task An_unknown_dimension_is_a_typed_error()
    {
        var (from, to) = Ranges[0];
        var e = await Assert.ThrowsAsync<UnknownDimensionException>(() => Store.BreakdownAsync("*", "colour", from, to, [], 10));
        Assert.Equal("colour", e.Dimension);
        e = await Assert.ThrowsAsync<UnknownDimensionException>(() => Store.VisitorsAsync("*", from, to, [new("device", "mobile"), new("prop:", "x")]));
        Assert.Equal("prop:", e.Dimension);
    }

    private static void Equal(IReadOnlyList<ReferenceRow> expected, IReadOnlyList<BreakdownRow> actual, string what)
    {
        var e = string.Join("\n", expected.Select(r => $"{r.Value} {r.Visitors} {r.Pageviews}"));
        var a = string.Join("\n", actual.Select(r => $"{r.Value} {r.Visitors} {r.Pageviews}"));
        Assert.True(e == a, $"{what}:\nexpected\n{e}\nstore\n{a}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i].BounceRate - actual[i].BounceRate) <= 1e-9, $"{what} {expected[i].Value}: bounce rate {expected[i].BounceRate} vs {actual[i].BounceRate}");
            Assert.True(Math.Abs(expected[i].VisitDuration - actual[i].VisitDuration) <= 1e-9 * Math.Max(1, expected[i].VisitDuration),
                $"{what} {expected[i].Value}: visit duration {expected[i].VisitDuration} vs {actual[i].VisitDuration}");
        }
    }
}

public sealed class DuckDbStoreTests(DuckDbFixture fixture) : StoreContract(fixture), IClassFixture<DuckDbFixture>;

public sealed class PostgresStoreTests(PostgresFixture fixture) : StoreContract(fixture), IClassFixture<PostgresFixture>;
