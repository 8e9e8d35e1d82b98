namespace Analytics.Grains.Interfaces.Audience;

/// <summary>One <c>dim=value</c> pair of a <c>filters=</c> parameter; the pairs of one query are ANDed.</summary>
[GenerateSerializer, Immutable]
public sealed record DimensionFilter([property: Id(0)] string Dimension, [property: Id(1)] string Value);
