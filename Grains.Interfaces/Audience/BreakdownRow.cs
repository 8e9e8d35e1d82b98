namespace Analytics.Grains.Interfaces.Audience;

/// <summary>
/// One row of a breakdown (METRICS.md §5). <paramref name="BounceRate"/> is 0..1 over the row's sessions,
/// <paramref name="VisitDuration"/> their mean duration (last − first event time of the whole session) in milliseconds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BreakdownRow(
    [property: Id(0)] string Value,
    [property: Id(1)] long Visitors,
    [property: Id(2)] long Pageviews,
    [property: Id(3)] double BounceRate,
    [property: Id(4)] double VisitDuration);
