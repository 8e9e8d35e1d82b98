using Analytics.Grains.Interfaces.Audience;
using Analytics.Grains.Interfaces.Goals;

namespace Analytics.Grains.Interfaces.Grains;

/// <summary>
/// The range queries over the event store (METRICS.md §5: breakdowns and distinct visitors), answered on a silo: the
/// embedded store lives in the silo's process. Stateless: any activation on any silo answers. Dimensions and filters
/// must be checked before (<c>DimensionNames.IsKnown</c>).
/// </summary>
public interface IAudienceGrain : IGrainWithIntegerKey
{
    Task<BreakdownRow[]> Breakdown(string site, string dimension, long from, long to, DimensionFilter[] filters, int limit);

    Task<long> Visitors(string site, long from, long to, DimensionFilter[] filters);

    Task<GoalTotals> Goal(string site, GoalDefinition goal, long from, long to, DimensionFilter[] filters);

    /// <summary>Distinct visitors who reached each step, within one session (see <see cref="FunnelDefinition"/>).</summary>
    Task<long[]> Funnel(string site, GoalDefinition[] steps, long from, long to, DimensionFilter[] filters);
}
