using Analytics.Grains.Interfaces.Grains;

namespace Analytics.Api.Apis;

public static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this IEndpointRouteBuilder app)
    {
        var sites = app.MapGroup("/api/sites");
        sites.MapGet("", async (IGrainFactory grains) =>
                new SitesAnswer([.. (await grains.GetGrain<ISiteDirectoryGrain>(0).GetSites()).Select(s => new SiteAnswer(s.Site, s.Events))]))
            .WithName("ListSites")
            .WithSummary("The sites seen, with their counted events, busiest first.");
        return sites;
    }

    public sealed record SitesAnswer(SiteAnswer[] Sites);

    public sealed record SiteAnswer(string Site, long Events);
}
