using Analytics.Grains.Interfaces.Events;
using Analytics.Testing;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Reference;

namespace Analytics.FunctionalTests.Infrastructure;

/// <summary>Reads every window of every metric from the grid's reducers and compares them with the reference.</summary>
public static class GridWindows
{
    /// <summary>
    /// Watches, for <see cref="FinalWindowWatch"/>, every metric of <c>*</c> and of the first sites of the reference, and the pages
    /// of one site, as the reducers answer them. A sample, every two seconds: reading every series of a large log that often
    /// would keep the reducers from their work; the comparison with the reference at the end covers every series.
    /// </summary>
    public static FinalWindowWatch Watch(GridHost grid, ReferenceMetrics expected, long from, long to)
    {
        var sites = expected.Windows.Keys.Select(k => k.Site).Distinct().Order(StringComparer.Ordinal).Take(4).Append(SiteName.All).ToHashSet();
        var pagesOf = sites.First();
        return new(async () =>
        {
            var seen = new List<SeenWindow>();
            foreach (var (site, metric) in expected.Windows.Keys.Where(k => sites.Contains(k.Site)))
            {
                var windows = await grid.Cluster.Client.GetGrain<ISiteGrain>(site).GetWindows(metric.FamilyOf(), from, to);
                seen.AddRange(windows.Select(w => new SeenWindow(ReferenceMetrics.SeriesName(site, metric), w.Start, metric.ValueOf(w.Value), w.Final)));
            }
            foreach (var (site, page) in expected.PageViews.Keys.Where(k => k.Site == pagesOf))
            {
                var windows = await grid.Cluster.Client.GetGrain<ISiteGrain>(site).GetWindows(WindowFamily.PageViewsOfPage, from, to, page);
                seen.AddRange(windows.Select(w => new SeenWindow(ReferenceMetrics.PageSeriesName(site, page), w.Start, w.Value.A, w.Final)));
            }
            return seen;
        }, TimeSpan.FromSeconds(2));
    }

    /// <summary>Stops the watch and lists the windows that were wrong when first shown final, or changed after.</summary>
    public static async Task<List<string>> FinalDifferencesAsync(FinalWindowWatch watch, ReferenceMetrics expected)
    {
        var firstFinal = await watch.StopAsync();
        Assert.True(firstFinal.Count > 0, "no window was ever shown final");
        return FinalWindowWatch.WrongFinals(firstFinal, expected.Named());
    }

    public static async Task<List<string>> DifferencesAsync(IGrainFactory grains, ReferenceMetrics expected, long from, long to)
    {
        var differences = new List<string>();
        foreach (var ((site, metric), series) in expected.Windows)
        {
            var windows = await grains.GetGrain<ISiteGrain>(site).GetWindows(metric.FamilyOf(), from, to);
            differences.AddRange(WindowComparison.Differences(ReferenceMetrics.SeriesName(site, metric), series, windows.ToDictionary(w => w.Start, w => metric.ValueOf(w.Value))));
        }
        foreach (var ((site, page), series) in expected.PageViews)
        {
            var windows = await grains.GetGrain<ISiteGrain>(site).GetWindows(WindowFamily.PageViewsOfPage, from, to, page);
            differences.AddRange(WindowComparison.Differences(ReferenceMetrics.PageSeriesName(site, page),
                series.ToDictionary(s => s.Key, s => (double)s.Value), windows.ToDictionary(w => w.Start, w => (double)w.Value.A)));
        }
        foreach (var (site, minutes) in expected.TopPages)
        {
            foreach (var (minute, pages) in minutes.Where((_, i) => i % 7 == 0))
            {
                var top = await grains.GetGrain<ISiteGrain>(site).GetTopPages(minute, minute + 60_000, 1000);
                var expectedTop = pages.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}");
                if (!expectedTop.SequenceEqual(top.Select(p => $"{p.Page}={p.Views}")))
                    differences.Add($"{site} top pages of {DateTimeOffset.FromUnixTimeMilliseconds(minute):O}: expected {string.Join(",", expectedTop)}, grid {string.Join(",", top.Select(p => $"{p.Page}={p.Views}"))}");
            }
        }
        foreach (var (site, events) in expected.Events)
        {
            var count = await grains.GetGrain<ISiteGrain>(site).GetEventCount();
            if (count != events) differences.Add($"{site}: expected {events} events, grid counted {count}");
        }
        return differences;
    }
}
