using Analytics.Api.Ingestion;
using Analytics.Grains.Interfaces.Telemetry;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Analytics.Api.Security;

/// <summary>
/// Refuses events from browser pages of origins outside <c>Ingestion:AllowedOrigins</c> with a 403. CORS alone would
/// not: beacons and <c>no-cors</c> posts are sent whatever the answer's headers say, only their answer is hidden.
/// Requests without an <c>Origin</c> header come from no browser page (servers, tools) and pass.
/// </summary>
public sealed class AllowedOriginFilter(ICorsPolicyProvider policies, IOptions<IngestionOptions> options, PipelineMetrics metrics,
    ILogger<AllowedOriginFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (options.Value.AllowedOrigins.Length == 0 || http.Request.Headers[HeaderNames.Origin].ToString() is not { Length: > 0 } origin)
            return await next(context);
        var policy = await policies.GetPolicyAsync(http, IngestionCors.Policy);
        if (policy is not null && policy.IsOriginAllowed(origin)) return await next(context);

        metrics.Error(ErrorTypes.InvalidInput);
        SecurityLog.OriginRefused(logger, ClientAddress.Describe(http));
        return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Origin not allowed",
            detail: "This grid takes events only from the pages of the sites in Ingestion:AllowedOrigins.");
    }
}
