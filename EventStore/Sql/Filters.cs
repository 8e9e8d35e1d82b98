using Analytics.Grains.Interfaces.Audience;
namespace Analytics.EventStore.Sql;

internal static class Filters
{
    /// <summary>Resolves every filter's dimension, throwing <see cref="UnknownDimensionException"/> for the first unknown one.</summary>
    public static IReadOnlyList<(Dimension Dimension, string Value)> Parse(IReadOnlyList<DimensionFilter> filters) =>
        [.. filters.Select(f => (Dimension.Parse(f.Dimension), f.Value))];
}
