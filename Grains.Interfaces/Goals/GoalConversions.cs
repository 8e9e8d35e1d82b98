namespace Analytics.Grains.Interfaces.Goals;

/// <summary>A goal over a range as the API answers it (METRICS.md §5): the store's totals with the rate and the average.</summary>
[GenerateSerializer, Immutable]
public sealed record GoalConversions(
    [property: Id(0)] long Visitors, [property: Id(1)] long Conversions, [property: Id(2)] double ConversionRate,
    [property: Id(3)] double Revenue, [property: Id(4)] double AverageRevenue)
{
    /// <summary>
    /// The rate is the goal's visitors ÷ the range's visitors (with the same filters); the average is revenue ÷
    /// conversions. Either is 0 when its divisor is: a range nobody visited converts nobody, and never answers NaN.
    /// </summary>
    public static GoalConversions Of(GoalTotals totals, long rangeVisitors) => new(
        totals.Visitors, totals.Conversions, rangeVisitors == 0 ? 0 : (double)totals.Visitors / rangeVisitors,
        totals.Revenue, totals.Conversions == 0 ? 0 : totals.Revenue / totals.Conversions);
}
