namespace Analytics.EventStore;

/// <summary>
/// One row of a breakdown (METRICS.md §5). <paramref name="BounceRate"/> is 0..1 over the row's sessions,
/// <paramref name="VisitDuration"/> their mean duration (last − first event time of the whole session) in milliseconds.
/// </summary>
public sealed record BreakdownRow(string Value, long Visitors, long Pageviews, double BounceRate, double VisitDuration);
