using Analytics.Grains.Interfaces.Audience;

namespace Analytics.Api.Queries;

/// <summary>
/// What the range routes answered from the event store share (METRICS.md §5: visitors, breakdowns, goal conversions,
/// funnel steps): the range, the filters, and with <c>compare=previous_period</c> the range of equal length just before.
/// </summary>
public readonly record struct RangeQuery(QueryRange Range, DimensionFilter[] Filters, QueryRange? Previous)
{
    public const string PreviousPeriod = "previous_period";

    public const string Description = "filters: dim=value pairs joined by ';' (percent-encode ';', '=' and '%' inside a value once more). " +
        "compare=previous_period adds the range of equal length just before.";

    /// <summary>The parameters, each wrong one named in <paramref name="errors"/>.</summary>
    public static RangeQuery Parse(string? from, string? to, string? filters, string? compare, QueryOptions options, Dictionary<string, string[]> errors)
    {
        var range = QueryRange.Parse(from, to, options.DefaultRange, DateTimeOffset.UtcNow, errors) ?? default;
        var parsed = FiltersParameter.Parse(filters, errors);
        if (compare is not null && compare != PreviousPeriod) errors["compare"] = [$"must be {PreviousPeriod}"];
        var previous = compare == PreviousPeriod && range.From - (range.To - range.From) >= 0
            ? new QueryRange(range.From - (range.To - range.From), range.From)
            : (QueryRange?)null;
        if (compare == PreviousPeriod && previous is null && !errors.ContainsKey("from"))
            errors["compare"] = ["the previous period would begin before 1970"];
        return new RangeQuery(range, parsed, previous);
    }
}
