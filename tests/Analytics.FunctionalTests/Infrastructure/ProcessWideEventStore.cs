using System.Collections.Concurrent;
using Analytics.EventStore;
using Analytics.EventStore.DuckDb;

namespace Analytics.FunctionalTests.Infrastructure;

/// <summary>
/// The event store of a test grid: one DuckDB file per service id, shared by every silo of the test process and kept
/// when they are killed, as a server would be. Each grid (service id) starts with an empty file of its own.
/// </summary>
public static class ProcessWideEventStore
{
    private static readonly ConcurrentDictionary<string, Lazy<IEventStore>> Stores = new();

    public static IEventStore For(string serviceId) => Stores.GetOrAdd(serviceId, id => new Lazy<IEventStore>(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "analytics-test-events");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{id}-{Guid.NewGuid():N}.duckdb");
        return new SharedStore(new DuckDbEventStore(path));
    })).Value;

    /// <summary>A silo that stops disposes its services; the store outlives it.</summary>
    private sealed class SharedStore(IEventStore inner) : IEventStore
    {
        public Task InitializeAsync(CancellationToken cancellation = default) => inner.InitializeAsync(cancellation);

        public Task WriteAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellation = default) => inner.WriteAsync(events, cancellation);

        public Task<IReadOnlyList<Grains.Interfaces.Audience.BreakdownRow>> BreakdownAsync(string site, string dimension, long from, long to,
            IReadOnlyList<Grains.Interfaces.Audience.DimensionFilter> filters, int limit, CancellationToken cancellation = default) =>
            inner.BreakdownAsync(site, dimension, from, to, filters, limit, cancellation);

        public Task<long> VisitorsAsync(string site, long from, long to, IReadOnlyList<Grains.Interfaces.Audience.DimensionFilter> filters,
            CancellationToken cancellation = default) => inner.VisitorsAsync(site, from, to, filters, cancellation);

        public Task<Grains.Interfaces.Goals.GoalTotals> GoalAsync(string site, Grains.Interfaces.Goals.GoalDefinition goal, long from, long to,
            IReadOnlyList<Grains.Interfaces.Audience.DimensionFilter> filters, CancellationToken cancellation = default) =>
            inner.GoalAsync(site, goal, from, to, filters, cancellation);

        public Task<long[]> FunnelAsync(string site, IReadOnlyList<Grains.Interfaces.Goals.GoalDefinition> steps, long from, long to,
            IReadOnlyList<Grains.Interfaces.Audience.DimensionFilter> filters, CancellationToken cancellation = default) =>
            inner.FunnelAsync(site, steps, from, to, filters, cancellation);

        public Task<Grains.Interfaces.Goals.SiteGoals> ReadGoalsAsync(string site, CancellationToken cancellation = default) =>
            inner.ReadGoalsAsync(site, cancellation);

        public Task WriteGoalsAsync(string site, Grains.Interfaces.Goals.SiteGoals goals, CancellationToken cancellation = default) =>
            inner.WriteGoalsAsync(site, goals, cancellation);

        public Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellation = default) => inner.DeleteOlderThanAsync(cutoff, cancellation);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
