using Analytics.Grains.Interfaces.Goals;
using Analytics.Grains.Interfaces.Audience;

namespace Analytics.EventStore;

/// <summary>The store of <see cref="EventStoreProvider.None"/>: shards write nothing to it, and every query is refused.</summary>
internal sealed class NoEventStore : IEventStore
{
    public Task InitializeAsync(CancellationToken cancellation = default) => Task.CompletedTask;

    public Task WriteAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellation = default) => Task.CompletedTask;

    public Task<IReadOnlyList<BreakdownRow>> BreakdownAsync(string site, string dimension, long from, long to,
        IReadOnlyList<DimensionFilter> filters, int limit, CancellationToken cancellation = default) => throw new EventStoreOffException();

    public Task<long> VisitorsAsync(string site, long from, long to, IReadOnlyList<DimensionFilter> filters, CancellationToken cancellation = default) =>
        throw new EventStoreOffException();

    public Task<GoalTotals> GoalAsync(string site, GoalDefinition goal, long from, long to, IReadOnlyList<DimensionFilter> filters,
        CancellationToken cancellation = default) => throw new EventStoreOffException();

    public Task<long[]> FunnelAsync(string site, IReadOnlyList<GoalDefinition> steps, long from, long to, IReadOnlyList<DimensionFilter> filters,
        CancellationToken cancellation = default) => throw new EventStoreOffException();

    public Task<SiteGoals> ReadGoalsAsync(string site, CancellationToken cancellation = default) => throw new EventStoreOffException();

    public Task WriteGoalsAsync(string site, SiteGoals goals, CancellationToken cancellation = default) => throw new EventStoreOffException();

    public Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellation = default) => Task.FromResult(0L);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
