using System.Text.Json.Serialization;
using Analytics.Api.Queries;
using Analytics.Enrichment;
using Analytics.Grains.Interfaces.Audience;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

/// <summary>
/// The audience routes of METRICS.md §5, answered from the event store: breakdowns by a dimension and distinct
/// visitors over any range, with <c>filters=</c> and <c>compare=previous_period</c>; and the dimensions themselves.
/// </summary>
public static class AudienceApi
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAudienceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dimensions", GetDimensions)
            .WithName("GetDimensions")
            .WithSummary("The breakdown dimensions, how the dashboard groups them into panels, and whether countries are known.");
        var sites = app.MapGroup("/api/sites");
        sites.MapGet("/{site}/breakdown/{dimension}", GetBreakdownAsync)
            .WithName("GetBreakdown")
            .WithSummary("Visitors, page views, bounce rate and visit duration per value of a dimension in a range, most visitors first.")
            .WithDescription($"dimension: {string.Join(", ", DimensionNames.All)} or prop:<key>. {RangeQuery.Description}")
            .ProducesValidationProblem();
        sites.MapGet("/{site}/visitors", GetVisitorsAsync)
            .WithName("GetVisitors")
            .WithSummary("Distinct visitors with at least one counted event in the range: a true union, never a sum of days.")
            .ProducesValidationProblem();
        return app;
    }

    public sealed record DimensionsAnswer(string[] Dimensions, PanelAnswer[] Panels, bool Countries);

    public sealed record PanelAnswer(string Name, string[] Dimensions);

    public sealed record BreakdownAnswer(
        string Site, string Dimension, long From, long To, BreakdownRow[] Rows,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PreviousBreakdown? Previous);

    public sealed record PreviousBreakdown(long From, long To, BreakdownRow[] Rows);

    public sealed record VisitorsAnswer(
        string Site, long From, long To, long Visitors, bool Exact, double RelativeError,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PreviousVisitors? Previous);

    public sealed record PreviousVisitors(long From, long To, long Visitors, bool Exact, double RelativeError);

    private static DimensionsAnswer GetDimensions(IOptions<EnrichmentOptions> enrichment) => new(
        [.. DimensionNames.All],
        [.. DimensionNames.Panels.Select(p => new PanelAnswer(p.Panel, [.. p.Dimensions]))],
        Countries: !string.IsNullOrWhiteSpace(enrichment.Value.CountryDatabase));

    private static async Task<IResult> GetBreakdownAsync(
        string site, string dimension, string? from, string? to, string? filters, int? limit, string? compare,
        IGrainFactory grains, IOptions<QueryOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.Site(site, errors);
        if (!DimensionNames.IsKnown(dimension))
            errors["dimension"] = [$"must be one of {string.Join(", ", DimensionNames.All)}, or prop:<key> with a key of 1 to {EventRules.PropKeyMaxLength} characters"];
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"must be between 1 and {MaxLimit}"];
        var (range, parsed, previous) = RangeQuery.Parse(from, to, filters, compare, options.Value, errors);
        if (errors.Count > 0) return QueryParameters.Invalid(errors);

        return await QueryParameters.FromStoreAsync(async () =>
        {
            var audience = grains.GetGrain<IAudienceGrain>(0);
            var take = limit ?? DefaultLimit;
            var rows = audience.Breakdown(site, dimension, range.From, range.To, parsed, take);
            var before = previous is { } p ? audience.Breakdown(site, dimension, p.From, p.To, parsed, take) : null;
            return Results.Ok(new BreakdownAnswer(site, dimension, range.From, range.To, await rows,
                before is null ? null : new PreviousBreakdown(previous!.Value.From, previous.Value.To, await before)));
        });
    }

    private static async Task<IResult> GetVisitorsAsync(
        string site, string? from, string? to, string? filters, string? compare, IGrainFactory grains, IOptions<QueryOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.Site(site, errors);
        var (range, parsed, previous) = RangeQuery.Parse(from, to, filters, compare, options.Value, errors);
        if (errors.Count > 0) return QueryParameters.Invalid(errors);

        // The store counts distinct visitors exactly (no sketch yet): exact, with no error.
        return await QueryParameters.FromStoreAsync(async () =>
        {
            var audience = grains.GetGrain<IAudienceGrain>(0);
            var visitors = audience.Visitors(site, range.From, range.To, parsed);
            var before = previous is { } p ? audience.Visitors(site, p.From, p.To, parsed) : null;
            return Results.Ok(new VisitorsAnswer(site, range.From, range.To, await visitors, Exact: true, RelativeError: 0,
                before is null ? null : new PreviousVisitors(previous!.Value.From, previous.Value.To, await before, Exact: true, RelativeError: 0)));
        });
    }
}
