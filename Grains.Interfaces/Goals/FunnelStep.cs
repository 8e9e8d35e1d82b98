namespace Analytics.Grains.Interfaces.Goals;

/// <summary>A funnel step as the API answers it (METRICS.md §5): its visitors, the ratios to the step before and to the first, and the loss.</summary>
[GenerateSerializer, Immutable]
public sealed record FunnelStep(
    [property: Id(0)] string Goal, [property: Id(1)] long Visitors, [property: Id(2)] double FromPrevious, [property: Id(3)] double FromFirst,
    [property: Id(4)] long DropOff)
{
    /// <summary>
    /// The steps from each step's visitors: the first step's ratios are 1 and it drops none; a ratio whose divisor is 0
    /// is 0 (nobody to convert), never NaN, so an empty range answers valid JSON.
    /// </summary>
    public static FunnelStep[] Of(IReadOnlyList<string> goals, IReadOnlyList<long> visitors)
    {
        if (goals.Count != visitors.Count) throw new ArgumentException($"{goals.Count} goals but {visitors.Count} counts", nameof(visitors));
        var steps = new FunnelStep[goals.Count];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = i == 0
                ? new FunnelStep(goals[0], visitors[0], 1, 1, 0)
                : new FunnelStep(goals[i], visitors[i], Ratio(visitors[i], visitors[i - 1]), Ratio(visitors[i], visitors[0]), visitors[i - 1] - visitors[i]);
        }
        return steps;
    }

    private static double Ratio(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
