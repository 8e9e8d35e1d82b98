namespace Analytics.Grains.Interfaces.Goals;

/// <summary>
/// A funnel: 2 to 8 goal names. A visitor reaches step k when, within one session, an event of step k follows (in event
/// time, ties by event id) an event that brought the visitor to step k − 1; one event moves a visitor one step at most.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FunnelDefinition([property: Id(0)] string Name, [property: Id(1)] string[] Steps)
{
    public const int MinSteps = 2;
    public const int MaxSteps = 8;
}
