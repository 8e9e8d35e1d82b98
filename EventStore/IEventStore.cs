using Analytics.Grains.Interfaces.Audience;
using Analytics.Grains.Interfaces.Goals;
namespace Analytics.EventStore;

/// <summary>
/// Every counted event, once, answering the range routes of METRICS.md §5. Ranges are half-open <c>[from, to)</c> in
/// epoch milliseconds; site <c>*</c> is the whole grid, where a visitor is the pair (site, visitor).
/// </summary>
public interface IEventStore : IAsyncDisposable
{
    /// <summary>Creates the tables when missing; call before anything else (calling it again does nothing).</summary>
    Task InitializeAsync(CancellationToken cancellation = default);

    /// <summary>Stores the events whose (site, id) is not stored yet: a batch replayed after a crash writes nothing twice.</summary>
    Task WriteAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellation = default);

    /// <summary>
    /// The sessions (and their visitors) with at least one event in the range that match the filters, grouped by the
    /// dimension's value: most visitors first, ties by value; at most <paramref name="limit"/> rows.
    /// </summary>
    /// <exception cref="UnknownDimensionException">The dimension or a filter's dimension is not one of the contract.</exception>
    Task<IReadOnlyList<BreakdownRow>> BreakdownAsync(string site, string dimension, long from, long to,
        IReadOnlyList<DimensionFilter> filters, int limit, CancellationToken cancellation = default);

    /// <summary>Exact distinct visitors with at least one event in the range that matches the filters.</summary>
    /// <exception cref="UnknownDimensionException">A filter's dimension is not one of the contract.</exception>
    Task<long> VisitorsAsync(string site, long from, long to, IReadOnlyList<DimensionFilter> filters, CancellationToken cancellation = default);

    /// <summary>A goal over the range (METRICS.md §5), with the filters of <see cref="BreakdownAsync"/>.</summary>
    /// <exception cref="UnknownDimensionException">A filter's dimension is not one of the contract.</exception>
    Task<GoalTotals> GoalAsync(string site, GoalDefinition goal, long from, long to, IReadOnlyList<DimensionFilter> filters,
        CancellationToken cancellation = default);

    /// <summary>
    /// Per step of the funnel, the distinct visitors who reached it within one session of the range (see
    /// <see cref="FunnelDefinition"/>); the events considered are those in the range that match the filters.
    /// Steps are given resolved (2 to <see cref="FunnelDefinition.MaxSteps"/>); the answer has one count per step.
    /// </summary>
    /// <exception cref="UnknownDimensionException">A filter's dimension is not one of the contract.</exception>
    Task<long[]> FunnelAsync(string site, IReadOnlyList<GoalDefinition> steps, long from, long to, IReadOnlyList<DimensionFilter> filters,
        CancellationToken cancellation = default);

    /// <summary>The site's stored goal and funnel definitions (durable: they survive restarts).</summary>
    Task<SiteGoals> ReadGoalsAsync(string site, CancellationToken cancellation = default);

    /// <summary>Replaces the site's definitions with these, atomically (the site's goals grain is their only writer).</summary>
    Task WriteGoalsAsync(string site, SiteGoals goals, CancellationToken cancellation = default);

    /// <summary>Deletes the events older than the cutoff (epoch milliseconds): retention. Returns how many.</summary>
    Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellation = default);
}
