using Analytics.EventStore;
using Analytics.Grains.Interfaces.Goals;
using Analytics.Grains.Interfaces.Grains;

namespace Analytics.Grains.Goals;

/// <summary>
/// A site's definitions, kept in the event store, and the rules a change must pass: the bounds, the built-in goal,
/// funnels naming only goals, no goal deleted from under a funnel. No Orleans here: the grain around it makes it the
/// site's only writer.
/// </summary>
internal sealed class SiteDefinitions(IEventStore store, string site)
{
    private SiteGoals _stored = SiteGoals.None;

    public async Task LoadAsync(CancellationToken cancellation)
    {
        await store.InitializeAsync(cancellation);
        _stored = await store.ReadGoalsAsync(site, cancellation);
    }

    /// <summary>The built-in <c>purchase</c> first, then the stored goals by name; and the funnels by name.</summary>
    public SiteGoals Listed() => new(
        [GoalDefinition.Purchase, .. Sorted(_stored.Goals, g => g.Name)],
        Sorted(_stored.Funnels, f => f.Name));

    public Task<DefinitionPut> PutGoalAsync(GoalDefinition goal)
    {
        if (goal.Name == GoalDefinition.PurchaseName || goal.BuiltIn) return Task.FromResult(new DefinitionPut(DefinitionPutOutcome.BuiltIn));
        var exists = _stored.Goals.Any(g => g.Name == goal.Name);
        if (!exists && _stored.Goals.Length >= GoalRules.MaxGoals) return Task.FromResult(new DefinitionPut(DefinitionPutOutcome.TooMany));
        return WriteAsync(new DefinitionPut(exists ? DefinitionPutOutcome.Replaced : DefinitionPutOutcome.Created),
            _stored with { Goals = [.. _stored.Goals.Where(g => g.Name != goal.Name), goal] });
    }

    public Task<DefinitionDelete> DeleteGoalAsync(string name)
    {
        if (name == GoalDefinition.PurchaseName) return Task.FromResult(DefinitionDelete.BuiltIn);
        if (_stored.Goals.All(g => g.Name != name)) return Task.FromResult(DefinitionDelete.NotFound);
        if (_stored.Funnels.Any(f => f.Steps.Contains(name))) return Task.FromResult(DefinitionDelete.InUse);
        return WriteAsync(DefinitionDelete.Deleted, _stored with { Goals = [.. _stored.Goals.Where(g => g.Name != name)] });
    }

    public Task<DefinitionPut> PutFunnelAsync(FunnelDefinition funnel)
    {
        var unknown = Array.FindIndex(funnel.Steps, s => s != GoalDefinition.PurchaseName && _stored.Goals.All(g => g.Name != s));
        if (unknown >= 0) return Task.FromResult(new DefinitionPut(DefinitionPutOutcome.UnknownGoal, unknown));
        var exists = _stored.Funnels.Any(f => f.Name == funnel.Name);
        if (!exists && _stored.Funnels.Length >= GoalRules.MaxFunnels) return Task.FromResult(new DefinitionPut(DefinitionPutOutcome.TooMany));
        return WriteAsync(new DefinitionPut(exists ? DefinitionPutOutcome.Replaced : DefinitionPutOutcome.Created),
            _stored with { Funnels = [.. _stored.Funnels.Where(f => f.Name != funnel.Name), funnel] });
    }

    public Task<DefinitionDelete> DeleteFunnelAsync(string name) => _stored.Funnels.Any(f => f.Name == name)
        ? WriteAsync(DefinitionDelete.Deleted, _stored with { Funnels = [.. _stored.Funnels.Where(f => f.Name != name)] })
        : Task.FromResult(DefinitionDelete.NotFound);

    /// <summary>
    /// Written first, then kept: a write that fails leaves this holding what the store holds, and the caller gets the
    /// failure rather than an answer the next activation would contradict.
    /// </summary>
    private async Task<T> WriteAsync<T>(T answer, SiteGoals changed)
    {
        await store.WriteGoalsAsync(site, changed);
        _stored = changed;
        return answer;
    }

    private static T[] Sorted<T>(IEnumerable<T> items, Func<T, string> name) => [.. items.OrderBy(name, StringComparer.Ordinal)];
}
