using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Grains.Shards;
using Analytics.Reference;

namespace Analytics.UnitTests.Windows;

/// <summary>One shard that saw every event must hold exactly the reference's windows, whatever the arrival order.</summary>
public sealed class ShardWindowsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Windows_equal_the_reference_in_any_arrival_order(int seed)
    {
        var log = ReferenceLogs.Visits(seed);
        var shard = new ShardWindows(new ShardState(), ReferenceLogs.SessionGap);

        foreach (var e in ReferenceLogs.Shuffled(log, seed)) shard.Apply(e);
        shard.TakeDirtySites();

        AssertEqual(ReferenceMetrics.Compute(log, ReferenceLogs.SessionGap), shard.State);
    }

    [Fact]
    public void Forgetting_what_no_later_event_can_need_changes_no_window()
    {
        var log = ReferenceLogs.Visits(seed: 7).OrderBy(e => e.Timestamp).ToList();
        var shard = new ShardWindows(new ShardState(), ReferenceLogs.SessionGap);
        var visitorsHeld = 0;

        for (var i = 0; i < log.Count; i++)
        {
            shard.Apply(log[i]);
            // Events arrive in time order here, so every later one is at least as late as this one.
            if (i % 50 == 0) shard.Expire(log[i].Timestamp);
            visitorsHeld = Math.Max(visitorsHeld, shard.State.VisitorCount);
            // Reports in between: * sums the sites' changes at each.
            if (i % 70 == 0) shard.TakeDirtySites();
        }
        shard.Expire(long.MaxValue - ReferenceLogs.SessionGap);
        shard.TakeDirtySites();

        AssertEqual(ReferenceMetrics.Compute(log, ReferenceLogs.SessionGap), shard.State);
        Assert.Equal(0, shard.State.VisitorCount);
        Assert.True(visitorsHeld < log.Select(e => e.PartitionKey).Distinct().Count(), "expiry never freed a visitor");
    }

    [Fact]
    public void A_resent_event_is_a_duplicate_until_it_would_be_late_anyway()
    {
        var shard = new ShardWindows(new ShardState(), ReferenceLogs.SessionGap);
        var e = new AnalyticsEvent("id-1", EventType.Click, "a.test", "v", ReferenceLogs.Start, null, null, null, null, null, 0);

        shard.Apply(e);

        Assert.True(shard.IsDuplicate(e));
        Assert.False(shard.IsDuplicate(e with { Id = "id-2" }));
        Assert.False(shard.IsDuplicate(e with { Visitor = "w" }));
        shard.Expire(ReferenceLogs.Start + 1);
        Assert.False(shard.IsDuplicate(e));
    }

    internal static void AssertEqual(ReferenceMetrics expected, ShardState state)
    {
        var differences = new List<string>();
        foreach (var ((site, metric), series) in expected.Windows)
        {
            var family = metric.FamilyOf();
            var actual = state.Sites.GetValueOrDefault(site)?.Windows
                .Where(w => w.Key.Family == family && Metrics.Exists(family, w.Value.Value))
                .ToDictionary(w => w.Key.Start, w => metric.ValueOf(w.Value.Value)) ?? [];
            differences.AddRange(WindowComparison.Differences($"{site} {metric.NameOf()}", series, actual));
        }
        foreach (var ((site, page), series) in expected.PageViews)
        {
            var actual = state.Sites[site].Windows
                .Where(w => w.Key.Family == WindowFamily.PageViewsOfPage && w.Key.Page == page && w.Value.Value.A > 0)
                .ToDictionary(w => w.Key.Start, w => (double)w.Value.Value.A);
            differences.AddRange(WindowComparison.Differences($"{site}{page} page_views", series.ToDictionary(p => p.Key, p => (double)p.Value), actual));
        }
        foreach (var (site, count) in expected.Events) Assert.Equal(count, state.Sites[site].Events);
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }
}
