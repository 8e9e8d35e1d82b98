namespace Analytics.EventStore;

/// <summary>One <c>dim=value</c> pair of a <c>filters=</c> parameter; the pairs of one query are ANDed.</summary>
public sealed record DimensionFilter(string Dimension, string Value);
