using Analytics.EventStore;
using Analytics.Grains.Interfaces.Audience;
using Analytics.Grains.Interfaces.Goals;
using Analytics.Grains.Interfaces.Grains;
using Orleans.Concurrency;

namespace Analytics.Grains.Audience;

/// <summary>Answers breakdowns and distinct visitors from the silo's event store; several run at once on each silo.</summary>
[StatelessWorker]
internal sealed class AudienceGrain(IEventStore store) : Grain, IAudienceGrain
{
    public async Task<BreakdownRow[]> Breakdown(string site, string dimension, long from, long to, DimensionFilter[] filters, int limit)
    {
        await store.InitializeAsync();
        return [.. await store.BreakdownAsync(site, dimension, from, to, filters, limit)];
    }

    public async Task<long> Visitors(string site, long from, long to, DimensionFilter[] filters)
    {
        await store.InitializeAsync();
        return await store.VisitorsAsync(site, from, to, filters);
    }

    public async Task<GoalTotals> Goal(string site, GoalDefinition goal, long from, long to, DimensionFilter[] filters)
    {
        await store.InitializeAsync();
        return await store.GoalAsync(site, goal, from, to, filters);
    }

    public async Task<long[]> Funnel(string site, GoalDefinition[] steps, long from, long to, DimensionFilter[] filters)
    {
        await store.InitializeAsync();
        return await store.FunnelAsync(site, steps, from, to, filters);
    }
}
