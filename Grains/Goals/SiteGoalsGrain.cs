using Analytics.EventStore;
using Analytics.Grains.Interfaces.Goals;
using Analytics.Grains.Interfaces.Grains;

namespace Analytics.Grains.Goals;

/// <summary>
/// A site's goal and funnel definitions, kept in the event store beside the events they are evaluated over (the
/// DuckDB file or PostgreSQL), so they survive restarts and need no grain storage of their own. One activation per
/// site, taking one call at a time, makes it the only writer: two requests cannot both take the last free place.
/// </summary>
internal sealed class SiteGoalsGrain(IEventStore store) : Grain, ISiteGoalsGrain
{
    private SiteDefinitions _definitions = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _definitions = new SiteDefinitions(store, this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<SiteGoals> Get() => _definitions.ListedAsync();

    public Task<DefinitionPut> PutGoal(GoalDefinition goal) => _definitions.PutGoalAsync(goal);

    public Task<DefinitionDelete> DeleteGoal(string name) => _definitions.DeleteGoalAsync(name);

    public Task<DefinitionPut> PutFunnel(FunnelDefinition funnel) => _definitions.PutFunnelAsync(funnel);

    public Task<DefinitionDelete> DeleteFunnel(string name) => _definitions.DeleteFunnelAsync(name);
}
