using Analytics.Api.History;
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
        string site, string metric, string? from, string? to, string? page, IGrainFactory grains, IOptions<QueryOptions> options,
        IOptions<HistoryOptions> history, IServiceProvider services, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.Site(site, errors);
        if (!Metrics.TryParse(metric, out var m))
            errors["metric"] = ["must be one of " + string.Join(", ", Metrics.All.Select(x => x.NameOf()))];
        if (page is not null && m != Metric.PageViews) errors["page"] = ["is only allowed with page_views"];
        if (page is not null && (!page.StartsWith('/') || page.Length > EventRules.UrlMaxLength)) errors["page"] = ["must be a path starting with '/'"];
        if (page is not null && site == SiteName.All) errors["page"] = ["needs a site, not '*' (pages belong to a site)"];
        var range = QueryRange.Parse(from, to, options.Value.DefaultRange, DateTimeOffset.UtcNow, errors);
        var family = m.FamilyOf(perPage: page is not null);
        if (range is { } r && errors.Count == 0 && (r.To - r.From) / family.Size() > options.Value.MaxWindows)
            errors["to"] = [$"the range holds more than {options.Value.MaxWindows} windows of {family.Size() / 1000} s; ask for a shorter one"];
        if (errors.Count > 0) return QueryParameters.Invalid(errors);

        var (start, end) = range!.Value;
        var answers = (await grains.GetGrain<ISiteGrain>(site).GetWindows(family, start, end, page))
            .ToDictionary(w => w.Start, w => new WindowAnswerDto(w.Start, w.Start + family.Size(), m.ValueOf(w.Value), w.Final));
        // Older windows than the grid keeps come from InfluxDB; where both have a window, the grid's is the same one.
        if (services.GetService<InfluxHistory>() is { } influx && history.Value.InfluxBefore(start, DateTimeOffset.UtcNow) is { } seam)
        {
            foreach (var (windowStart, value) in await influx.WindowsAsync(site, m, page, start, Math.Min(seam, end), cancellationToken))
                answers.TryAdd(windowStart, new WindowAnswerDto(windowStart, windowStart + family.Size(), value, Final: true));
        }
        return Results.Ok(new MetricAnswer(site, m.NameOf(), [.. answers.Values.OrderBy(w => w.Start)]));
    }

    private static async Task<IResult> GetTopPagesAsync(
        string site, string? from, string? to, int? limit, IGrainFactory grains, IOptions<QueryOptions> options,
        IOptions<HistoryOptions> history, IServiceProvider services, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        site = QueryParameters.Site(site, errors);
        var max = options.Value.MaxTopPages;
        if (limit is < 1 || limit > max) errors["limit"] = [$"must be between 1 and {max}"];
        var range = QueryRange.Parse(from, to, options.Value.DefaultRange, DateTimeOffset.UtcNow, errors);
        if (errors.Count > 0) return QueryParameters.Invalid(errors);

        var (start, end) = range!.Value;
        var take = limit ?? 10;
        var seam = services.GetService<InfluxHistory>() is null ? null : history.Value.InfluxBefore(start, DateTimeOffset.UtcNow);
        if (seam is null)
        {
            var pages = await grains.GetGrain<ISiteGrain>(site).GetTopPages(start, end, take);
            return Results.Ok(new TopPagesAnswer(site, [.. pages.Select(p => new PageAnswer(p.Page, p.Views))]));
        }
        // Top pages by minute: the minutes before the seam from InfluxDB, the rest from the grid, every page counted.
        var totals = await services.GetRequiredService<InfluxHistory>().PageViewsAsync(site, start, Math.Min(seam.Value, end), cancellationToken);
        if (seam < end)
        {
            foreach (var p in await grains.GetGrain<ISiteGrain>(site).GetTopPages(seam.Value, end, int.MaxValue))
                totals[p.Page] = totals.GetValueOrDefault(p.Page) + p.Views;
        }
        return Results.Ok(new TopPagesAnswer(site, [.. totals.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(take).Select(p => new PageAnswer(p.Key, p.Value))]));
    }
}
