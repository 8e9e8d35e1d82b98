namespace Analytics.Grains.Interfaces.Goals;

/// <summary>
/// A goal of a site (METRICS.md §5): exactly one of <see cref="Page"/> (an anchored, case-sensitive path pattern where
/// <c>*</c> is any run of characters) or <see cref="Event"/> (the <c>name</c> of a <c>custom</c> event, with every pair
/// of <see cref="Props"/> equal to the event's); or the built-in <c>purchase</c> (every <c>conversion</c>, with revenue).
/// Goals are evaluated when queried, over the stored events, so a goal defined today answers for last month too.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record GoalDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Page = null,
    [property: Id(2)] string? Event = null,
    [property: Id(3)] IReadOnlyDictionary<string, string>? Props = null)
{
    /// <summary>The name of the built-in goal: every <c>conversion</c> event, its <c>value</c> the revenue.</summary>
    public const string PurchaseName = "purchase";

    public static readonly GoalDefinition Purchase = new(PurchaseName);

    /// <summary>True for <c>purchase</c>, which is listed with the others and cannot be changed.</summary>
    public bool BuiltIn => Page is null && Event is null;
}
