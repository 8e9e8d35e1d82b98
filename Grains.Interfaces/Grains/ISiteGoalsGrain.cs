using Analytics.Grains.Interfaces.Goals;

namespace Analytics.Grains.Interfaces.Grains;

/// <summary>
/// A site's goal and funnel definitions (keyed by the lower-case site): the only writer of them, so the bounds and the
/// "a goal a funnel uses cannot be deleted" rule hold under concurrent requests. It keeps them in the event store
/// (DuckDB embedded, PostgreSQL in production), so they survive restarts. Definitions arrive checked (GoalRules).
/// </summary>
public interface ISiteGoalsGrain : IGrainWithStringKey
{
    /// <summary>The built-in <c>purchase</c> first, then the stored goals by name; and the funnels by name.</summary>
    Task<SiteGoals> Get();

    Task<DefinitionPut> PutGoal(GoalDefinition goal);

    Task<DefinitionDelete> DeleteGoal(string name);

    /// <summary><see cref="DefinitionPutOutcome.UnknownGoal"/> names the first step that is no goal of the site.</summary>
    Task<DefinitionPut> PutFunnel(FunnelDefinition funnel);

    Task<DefinitionDelete> DeleteFunnel(string name);
}

public enum DefinitionPutOutcome : byte
{
    Created = 1,
    Replaced = 2,
    /// <summary>The site holds as many as the bound allows (GoalRules.MaxGoals / MaxFunnels): 409.</summary>
    TooMany = 3,
    /// <summary>A funnel step names no goal of the site: 400 naming the step.</summary>
    UnknownGoal = 4,
    /// <summary>The built-in <c>purchase</c> cannot be changed: 409.</summary>
    BuiltIn = 5,
}

/// <param name="Detail">For <see cref="DefinitionPutOutcome.UnknownGoal"/>: the index of the first unknown step.</param>
[GenerateSerializer, Immutable]
public sealed record DefinitionPut([property: Id(0)] DefinitionPutOutcome Outcome, [property: Id(1)] int Detail = -1);

public enum DefinitionDelete : byte
{
    Deleted = 1,
    NotFound = 2,
    /// <summary>A funnel uses the goal: 409.</summary>
    InUse = 3,
    BuiltIn = 4,
}
