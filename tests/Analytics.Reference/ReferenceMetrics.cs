using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Reference;

/// <summary>
/// Every metric of METRICS.md §3, computed the plain way from the events that count: a loop over a list.
/// It shares nothing with the grid but the contract's types and window sizes; the grid's answers must equal it.
/// </summary>
public sealed class ReferenceMetrics
{
    /// <summary>Per site (and <c>*</c>) and metric: window start → value.</summary>
    public Dictionary<(string Site, Metric Metric), SortedDictionary<long, double>> Windows { get; } = [];

    /// <summary>Per site and page: 1 s window start → page views.</summary>
    public Dictionary<(string Site, string Page), SortedDictionary<long, long>> PageViews { get; } = [];

    /// <summary>Per site: 60 s window start → page → views (what top pages rank).</summary>
    public Dictionary<string, SortedDictionary<long, Dictionary<string, long>>> TopPages { get; } = [];

    /// <summary>Per site: counted events.</summary>
    public Dictionary<string, long> Events { get; } = [];

    /// <summary>Every series by the name tests show it under: <c>"{site} {metric}"</c>, and <c>"{site}{page} page_views"</c> per page.</summary>
    public Dictionary<string, SortedDictionary<long, double>> Named()
    {
        var named = Windows.ToDictionary(w => SeriesName(w.Key.Site, w.Key.Metric), w => w.Value);
        foreach (var ((site, page), series) in PageViews) named[PageSeriesName(site, page)] = new SortedDictionary<long, double>(series.ToDictionary(s => s.Key, s => (double)s.Value));
        return named;
    }

    public static string SeriesName(string site, Metric metric) => $"{site} {metric.NameOf()}";

    public static string PageSeriesName(string site, string page) => $"{site}{page} page_views";

    /// <param name="counted">The events that count: no duplicates, no late ones, in any order.</param>
    public static ReferenceMetrics Compute(IReadOnlyCollection<AnalyticsEvent> counted, long sessionGapMs)
    {
        var result = new ReferenceMetrics();
        foreach (var site in counted.Select(e => e.Site).Distinct())
        {
            var events = counted.Where(e => e.Site == site).ToList();
            result.ComputeSite(site, events, sessionGapMs);
            result.Events[site] = events.Count;
        }
        // The whole grid: every event, a visitor being the pair (site, visitor).
        result.ComputeSite(SiteName.All, [.. counted.Select(e => e with { Visitor = e.Site + "/" + e.Visitor })], sessionGapMs, perPage: false);
        result.Events[SiteName.All] = counted.Count;
        return result;
    }

    private void ComputeSite(string site, List<AnalyticsEvent> events, long sessionGapMs, bool perPage = true)
    {
        var pageViews = Series(site, Metric.PageViews);
        foreach (var second in events.GroupBy(e => Floor(e.Timestamp, 1000)))
            pageViews[second.Key] = second.Count(e => e.Type == EventType.PageView);

        if (perPage)
        {
            foreach (var e in events.Where(e => e.Type == EventType.PageView && e.Page is not null))
            {
                var key = (site, e.Page!);
                if (!PageViews.TryGetValue(key, out var series)) PageViews[key] = series = [];
                var second = Floor(e.Timestamp, 1000);
                series[second] = series.GetValueOrDefault(second) + 1;

                if (!TopPages.TryGetValue(site, out var minutes)) TopPages[site] = minutes = [];
                var minute = Floor(e.Timestamp, 60_000);
                if (!minutes.TryGetValue(minute, out var pages)) minutes[minute] = pages = [];
                pages[e.Page!] = pages.GetValueOrDefault(e.Page!) + 1;
            }
        }

        var active = Series(site, Metric.ActiveUsers);
        foreach (var window in events.GroupBy(e => Floor(e.Timestamp, 5000)))
            active[window.Key] = window.Select(e => e.Visitor).Distinct().Count();

        // Sliding 60 s windows every 5 s: the union of the visitors of twelve consecutive 5 s buckets.
        var conversion = Series(site, Metric.ConversionRate);
        var buckets = events.GroupBy(e => Floor(e.Timestamp, 5000)).ToDictionary(
            b => b.Key,
            b => (Visitors: b.Select(e => e.Visitor).ToHashSet(), Converters: b.Where(e => e.Type == EventType.Conversion).Select(e => e.Visitor).ToHashSet()));
        foreach (var start in buckets.Keys.SelectMany(b => Enumerable.Range(0, 12).Select(k => b - k * 5000L)).Distinct())
        {
            var visitors = new HashSet<string>();
            var converters = new HashSet<string>();
            for (var b = start; b < start + 60_000; b += 5000)
            {
                if (!buckets.TryGetValue(b, out var bucket)) continue;
                visitors.UnionWith(bucket.Visitors);
                converters.UnionWith(bucket.Converters);
            }
            conversion[start] = (double)converters.Count / visitors.Count;
        }

        var sessions = events.GroupBy(e => e.Visitor).SelectMany(v => SessionsOf([.. v.OrderBy(e => e.Timestamp)], sessionGapMs));
        var duration = Series(site, Metric.AvgSessionDuration);
        var count = Series(site, Metric.Sessions);
        var bounce = Series(site, Metric.BounceRate);
        foreach (var window in sessions.GroupBy(s => Floor(s[^1].Timestamp, 60_000)))
        {
            var list = window.ToList();
            count[window.Key] = list.Count;
            duration[window.Key] = list.Average(s => (double)(s[^1].Timestamp - s[0].Timestamp));
            bounce[window.Key] = (double)list.Count(s => s.Count == 1 && s[0].Type == EventType.PageView) / list.Count;
        }
    }

    /// <summary>A visitor's events, in time order, cut wherever the gap is longer than the session gap.</summary>
    private static IEnumerable<List<AnalyticsEvent>> SessionsOf(List<AnalyticsEvent> ordered, long sessionGapMs)
    {
        var current = new List<AnalyticsEvent>();
        foreach (var e in ordered)
        {
            if (current.Count > 0 && e.Timestamp - current[^1].Timestamp > sessionGapMs)
            {
                yield return current;
                current = [];
            }
            current.Add(e);
        }
        if (current.Count > 0) yield return current;
    }

    private SortedDictionary<long, double> Series(string site, Metric metric)
    {
        if (!Windows.TryGetValue((site, metric), out var series)) Windows[(site, metric)] = series = [];
        return series;
    }

    private static long Floor(long time, long size) => (long)Math.Floor((double)time / size) * size;
}
