namespace Analytics.EventStore;

/// <summary>A breakdown or filter named a dimension the contract does not have: the API answers 400 naming it.</summary>
public sealed class UnknownDimensionException(string dimension)
    : ArgumentException($"unknown dimension '{dimension}'; known: {string.Join(", ", Enrichment.DimensionNames.All)}, prop:{{key}}")
{
    public string Dimension { get; } = dimension;
}
