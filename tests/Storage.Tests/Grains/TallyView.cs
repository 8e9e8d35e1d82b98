namespace Analytics.Storage.Tests.Grains;

/// <summary>What a tally grain holds, with the ETag and the activation that holds it.</summary>
[GenerateSerializer, Immutable]
public sealed record TallyView(
    [property: Id(0)] int Total,
    [property: Id(1)] string? ETag,
    [property: Id(2)] Guid Activation);
