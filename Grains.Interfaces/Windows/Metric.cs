namespace Analytics.Grains.Interfaces.Windows;

/// <summary>The metrics of METRICS.md §3 and how each is read off its window family.</summary>
public enum Metric
{
    PageViews,
    ActiveUsers,
    ConversionRate,
    AvgSessionDuration,
    Sessions,
    BounceRate,
}

public static class Metrics
{
    private static readonly (Metric Metric, string Name)[] Names =
    [
        (Metric.PageViews, "page_views"),
        (Metric.ActiveUsers, "active_users"),
        (Metric.ConversionRate, "conversion_rate"),
        (Metric.AvgSessionDuration, "avg_session_duration"),
        (Metric.Sessions, "sessions"),
        (Metric.BounceRate, "bounce_rate"),
    ];

    public static IEnumerable<Metric> All => Names.Select(n => n.Metric);

    public static string NameOf(this Metric metric) => Names.First(n => n.Metric == metric).Name;

    public static bool TryParse(string name, out Metric metric)
    {
        foreach (var (m, n) in Names)
        {
            if (n != name) continue;
            metric = m;
            return true;
        }
        metric = default;
        return false;
    }

    public static WindowFamily FamilyOf(this Metric metric, bool perPage = false) => metric switch
    {
        Metric.PageViews => perPage ? WindowFamily.PageViewsOfPage : WindowFamily.PageViews,
        Metric.ActiveUsers => WindowFamily.ActiveUsers,
        Metric.ConversionRate => WindowFamily.Conversions,
        _ => WindowFamily.Sessions,
    };

    /// <summary>
    /// Whether a window exists: a site's window exists when one of its counted events lies in it (for
    /// session windows: when a session ends in it); a page's, when the page has a page view in it.
    /// </summary>
    public static bool Exists(WindowFamily family, WindowValue value) =>
        family == WindowFamily.PageViews ? value.B > 0 : value.A > 0;

    /// <summary>The metric's value of a window.</summary>
    public static double ValueOf(this Metric metric, WindowValue w) => metric switch
    {
        Metric.PageViews or Metric.ActiveUsers or Metric.Sessions => w.A,
        Metric.ConversionRate or Metric.AvgSessionDuration => w.A == 0 ? 0 : (double)w.B / w.A,
        Metric.BounceRate => w.A == 0 ? 0 : (double)w.C / w.A,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
