namespace Analytics.Grains.Interfaces.Windows;

/// <summary>
/// How final windows are stored in InfluxDB: one measurement per metric (named like the metric), tags
/// <c>site</c> and, for per-page page views, <c>page</c>; the field <c>value</c> holds the metric, and rates
/// also keep the counts they are made of, so that roll-ups can be recomputed exactly.
/// </summary>
public static class WindowMeasurements
{
    public const string SiteTag = "site";
    public const string PageTag = "page";
    public const string ValueField = "value";

    /// <summary>The metrics a window of this family is stored as.</summary>
    public static IEnumerable<Metric> MetricsOf(WindowFamily family) =>
        family == WindowFamily.PageViewsOfPage ? [Metric.PageViews] : Metrics.All.Where(m => m.FamilyOf() == family);

    /// <summary>The counts a metric's value is made of, by field name.</summary>
    public static IEnumerable<(string Field, long Value)> CountsOf(Metric metric, WindowValue w) => metric switch
    {
        Metric.ConversionRate => [("visitors", w.A), ("converters", w.B)],
        Metric.AvgSessionDuration => [("sessions", w.A), ("duration_ms", w.B)],
        Metric.BounceRate => [("sessions", w.A), ("bounces", w.C)],
        _ => [],
    };
}
