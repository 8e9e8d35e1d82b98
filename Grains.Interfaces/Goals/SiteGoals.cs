namespace Analytics.Grains.Interfaces.Goals;

/// <summary>A site's stored definitions (without the built-in <c>purchase</c>).</summary>
[GenerateSerializer, Immutable]
public sealed record SiteGoals([property: Id(0)] GoalDefinition[] Goals, [property: Id(1)] FunnelDefinition[] Funnels)
{
    public static readonly SiteGoals None = new([], []);
}
