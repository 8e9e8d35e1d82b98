namespace Analytics.Grains.Interfaces.Goals;

/// <summary>
/// A goal over a range, as the store counts it: distinct visitors with a matching event, matching events, and the sum of
/// their <c>value</c> (absent values count 0). The API adds the rate (visitors ÷ the range's visitors) and the average.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GoalTotals([property: Id(0)] long Visitors, [property: Id(1)] long Conversions, [property: Id(2)] double Revenue);
