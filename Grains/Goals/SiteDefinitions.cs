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
    private bool _loaded;

    /// <summary>The built-in <c>purchase</c> first, then the stored goals by name; and the funnels by name.</summary>
    public async Task<SiteGoals> ListedAsync()
    {
        await LoadAsync();
        return new([GoalDefinition.Purchase, .. Sorted(_stored.Goals, g => g.Name)], Sorted(_stored.Funnels, f => f.Name));
    }

    public async Task<DefinitionPut> PutGoalAsync(GoalDefinition goal)
    {
        await LoadAsync();
        if (goal.Name == GoalDefinition.PurchaseName || goal.BuiltIn) return new DefinitionPut(DefinitionPutOutcome.BuiltIn);
        var exists = _stored.Goals.Any(g => g.Name == goal.Name);
        if (!exists && _stored.Goals.Length >= GoalRules.MaxGoals) return new DefinitionPut(DefinitionPutOutcome.TooMany);
        return await WriteAsync(new DefinitionPut(exists ? DefinitionPutOutcome.Replaced : DefinitionPutOutcome.Created),
            _stored with { Goals = [.. _stored.Goals.Where(g => g.Name != goal.Name), goal] });
    }

    public async Task<DefinitionDelete> DeleteGoalAsync(string name)
    {
        await LoadAsync();
        if (name == GoalDefinition.PurchaseName) return DefinitionDelete.BuiltIn;
        if (_stored.Goals.All(g => g.Name != name)) return DefinitionDelete.NotFound;
        if (_stored.Funnels.Any(f => f.Steps.Contains(name))) return DefinitionDelete.InUse;
        return await WriteAsync(DefinitionDelete.Deleted, _stored with { Goals = [.. _stored.Goals.Where(g => g.Name != name)] });
    }

    public async Task<DefinitionPut> PutFunnelAsync(FunnelDefinition funnel)
    {
        await LoadAsync();
        var unknown = Array.FindIndex(funnel.Steps, s => s != GoalDefinition.PurchaseName && _stored.Goals.All(g => g.Name != s));
        if (unknown >= 0) return new DefinitionPut(DefinitionPutOutcome.UnknownGoal, unknown);
        var exists = _stored.Funnels.Any(f => f.Name == funnel.Name);
        if (!exists && _stored.Funnels.Length >= GoalRules.MaxFunnels) return new DefinitionPut(DefinitionPutOutcome.TooMany);
        return await WriteAsync(new DefinitionPut(exists ? DefinitionPutOutcome.Replaced : DefinitionPutOutcome.Created),
            _stored with { Funnels = [.. _stored.Funnels.Where(f => f.Name != funnel.Name), funnel] });
    }

    public async Task<DefinitionDelete> DeleteFunnelAsync(string name)
    {
        await LoadAsync();
        return _stored.Funnels.Any(f => f.Name == name)
            ? await WriteAsync(DefinitionDelete.Deleted, _stored with { Funnels = [.. _stored.Funnels.Where(f => f.Name != name)] })
            : DefinitionDelete.NotFound;
    }

    /// <summary>
    /// Read on the first call rather than in OnActivateAsync: a store that is down (or off) then fails that call with
    /// its own exception, which the API turns into a 503, instead of failing the activation, which Orleans reports to
    /// callers as a rejected message; the next call reads again.
    /// </summary>
    private async Task LoadAsync()
    {
        if (_loaded) return;
        await store.InitializeAsync();
        _stored = await store.ReadGoalsAsync(site);
        _loaded = true;
    }

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
