using Analytics.Api.Queries;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Windows;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Apis;

/// <summary>The query API of METRICS.md §5: the sites, their metric windows, their top pages.</summary>
public static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this IEndpointRouteBuilder app)
    {
        var sites = app.MapGroup("/api/sites");
        sites.MapGet("", ListSitesAsync)
            .WithName("ListSites")
            .WithSummary("The sites seen, with their counted events, busiest first.");
        sites.MapGet("/{site}/metrics/{metric}", GetMetricAsync)
            .WithName("GetMetric")
            .WithSummary("A metric's windows in a range, ordered by start; provisional ones have final=false.")
            .ProducesValidationProblem();
        sites.MapGet("/{site}/top-pages", GetTopPagesAsync)
            .WithName("GetTopPages")
            .WithSummary("The most viewed pages in a range, most viewed first.")
            .ProducesValidationProblem();
        return sites;
    }

    public sealed record SitesAnswer(SiteAnswer[] Sites);

    public sealed record SiteAnswer(string Site, long Events);

    public sealed record MetricAnswer(string Site, string Metric, WindowAnswerDto[] Windows);

    public sealed record WindowAnswerDto(long Start, long End, double Value, bool Final);

    public sealed record TopPagesAnswer(string Site, PageAnswer[] Pages);

    public sealed record PageAnswer(string Page, long Views);

    private static async Task<SitesAnswer> ListSitesAsync(IGrainFactory grains) =>
        new([.. (await grains.GetGrain<ISiteDirectoryGrain>(0).GetSites()).Select(s => new SiteAnswer(s.Site, s.Events))]);

    private static async Task<IResult> GetMetricAsync(
        string site, string metric, string? from, string? to, string? page, IGrainFactory grains, IOptions<QueryOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        site = CheckSite(site, errors);
        if (!Metrics.TryParse(metric, out var m))
            errors["metric"] = ["must be one of " + string.Join(", ", Metrics.All.Select(x => x.NameOf()))];
        if (page is not null && m != Metric.PageViews) errors["page"] = ["is only allowed with page_views"];
        if (page is not null && (!page.StartsWith('/') || page.Length > EventRules.UrlMaxLength)) errors["page"] = ["must be a path starting with '/'"];
        if (page is not null && site == SiteName.All) errors["page"] = ["needs a site, not '*' (pages belong to a site)"];
        var range = QueryRange.Parse(from, to, options.Value.DefaultRange, DateTimeOffset.UtcNow, errors);
        var family = m.FamilyOf(perPage: page is not null);
        if (range is { } r && errors.Count == 0 && (r.To - r.From) / family.Size() > options.Value.MaxWindows)
            errors["to"] = [$"the range holds more than {options.Value.MaxWindows} windows of {family.Size() / 1000} s; ask for a shorter one"];
        if (errors.Count > 0) return Invalid(errors);

        var windows = await grains.GetGrain<ISiteGrain>(site).GetWindows(family, range!.Value.From, range.Value.To, page);
        return Results.Ok(new MetricAnswer(site, m.NameOf(),
            [.. windows.Select(w => new WindowAnswerDto(w.Start, w.Start + family.Size(), m.ValueOf(w.Value), w.Final))]));
    }

    private static async Task<IResult> GetTopPagesAsync(
        string site, string? from, string? to, int? limit, IGrainFactory grains, IOptions<QueryOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        site = CheckSite(site, errors);
        var max = options.Value.MaxTopPages;
        if (limit is < 1 || limit > max) errors["limit"] = [$"must be between 1 and {max}"];
        var range = QueryRange.Parse(from, to, options.Value.DefaultRange, DateTimeOffset.UtcNow, errors);
        if (errors.Count > 0) return Invalid(errors);

        var pages = await grains.GetGrain<ISiteGrain>(site).GetTopPages(range!.Value.From, range.Value.To, limit ?? 10);
        return Results.Ok(new TopPagesAnswer(site, [.. pages.Select(p => new PageAnswer(p.Page, p.Views))]));
    }

    private static string CheckSite(string site, Dictionary<string, string[]> errors)
    {
        var normal = SiteName.Normalize(site);
        if (!SiteName.IsValidQuery(normal)) errors["site"] = ["must be a host name such as shop.example.com, or * for all sites"];
        return normal;
    }

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The query has invalid parameters", detail: "Each entry of 'errors' names a parameter and the rule it breaks.");
}
