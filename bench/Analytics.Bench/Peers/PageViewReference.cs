using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Reference;

namespace Analytics.Bench.Peers;

/// <summary>
/// The truth the engines are checked against: the reference computation (tests/Analytics.Reference, a plain
/// loop over the log) reduced to what both engines compute, page views per site and 1 s window, and the
/// events per site. Kept small so that the log itself can be dropped before anything is measured.
/// </summary>
internal sealed class PageViewReference
{
    private PageViewReference(Dictionary<string, SortedDictionary<long, double>> windows, Dictionary<string, long> events)
    {
        Windows = windows;
        Events = events;
    }

    /// <summary>Per site and <c>*</c>: window start → page views, for every window holding an event of the site.</summary>
    public Dictionary<string, SortedDictionary<long, double>> Windows { get; }

    public Dictionary<string, long> Events { get; }

    public long PageViews => (long)Windows[SiteName.All].Values.Sum();

    public long From => Windows.Values.Min(w => w.Keys.First());

    public long To => Windows.Values.Max(w => w.Keys.Last()) + WindowShapes.Second;

    public static PageViewReference Of(IReadOnlyCollection<AnalyticsEvent> log)
    {
        var reference = ReferenceMetrics.Compute(log, (long)TimeSpan.FromMinutes(30).TotalMilliseconds);
        return new PageViewReference(
            reference.Windows.Where(w => w.Key.Metric == Metric.PageViews).ToDictionary(w => w.Key.Site, w => w.Value),
            reference.Events);
    }

    /// <summary>Differences between the grid's page_views windows of every site (and <c>*</c>) and the reference; empty when equal.</summary>
    public async Task<List<string>> GridDifferencesAsync(IGrainFactory grains, TimeSpan wait)
    {
        var differences = new List<string>();
        foreach (var (site, expected) in Windows)
        {
            var grain = grains.GetGrain<ISiteGrain>(site);
            // A site's reducer hears of its last events at the shards' next flush, maybe after "*" did.
            var deadline = DateTime.UtcNow + wait;
            while (await grain.GetEventCount() != Events[site] && DateTime.UtcNow < deadline) await Task.Delay(50);
            var windows = await grain.GetWindows(WindowFamily.PageViews, From, To);
            differences.AddRange(WindowComparison.Differences($"{site} page_views", expected, windows.ToDictionary(w => w.Start, w => (double)w.Value.A), maxReported: 3));
        }
        return differences;
    }

    /// <summary>Differences between the peer's counts and the reference's windows with page views (the peer has no others, and no <c>*</c>).</summary>
    public List<string> PeerDifferences(IReadOnlyDictionary<(string Site, long Start), long> counts)
    {
        var differences = new List<string>();
        var bySite = counts.GroupBy(c => c.Key.Site).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Key.Start, c => (double)c.Value));
        foreach (var (site, expected) in Windows.Where(w => w.Key != SiteName.All))
        {
            var withViews = expected.Where(w => w.Value > 0).ToDictionary(w => w.Key, w => w.Value);
            differences.AddRange(WindowComparison.Differences($"{site} page_views", withViews, bySite.GetValueOrDefault(site) ?? [], maxReported: 3));
        }
        return differences;
    }
}
