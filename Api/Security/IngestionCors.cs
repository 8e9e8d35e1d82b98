using Analytics.Api.Ingestion;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Analytics.Api.Security;

/// <summary>
/// The CORS policy of <c>POST /api/events</c>, the only route other sites' pages call. The tracker sends
/// <c>text/plain</c> beacons, which need no preflight; a site's own script that posts <c>application/json</c> gets
/// its preflight answered here. No other route has a policy, so no other site's page can read the query API.
/// </summary>
public static class IngestionCors
{
    public const string Policy = "ingestion";

    public static CorsPolicy Build(IngestionOptions options)
    {
        var policy = new CorsPolicyBuilder().WithMethods(HttpMethods.Post).WithHeaders("Content-Type")
            .SetPreflightMaxAge(TimeSpan.FromHours(1));
        // No credentials in either case: events carry none, and a cookie of the grid's host is none of a site's business.
        if (options.AllowedOrigins.Length == 0) policy.AllowAnyOrigin();
        else policy.WithOrigins(options.AllowedOrigins).SetIsOriginAllowedToAllowWildcardSubdomains();
        return policy.Build();
    }
}
