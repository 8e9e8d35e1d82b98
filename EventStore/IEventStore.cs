using Analytics.Grains.Interfaces.Audience;
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

    /// <summary>Deletes the events older than the cutoff (epoch milliseconds): retention. Returns how many.</summary>
    Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellation = default);
}
