using System.Net;
using Analytics.Api.Ingestion;
using Analytics.Api.Security;
using Analytics.Grains.Interfaces.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Extensions;

/// <summary>
/// Access keys for everything but ingestion, health and metrics; CORS, an origin check and a rate limit on ingestion;
/// client addresses from trusted proxies; and no request URL (which may hold a key) in any log.
/// </summary>
public static class SecurityExtensions
{
    public static void AddSecurity(this WebApplicationBuilder builder)
    {
        RefuseScalarLists(builder.Configuration, $"{AccessOptions.Section}:{nameof(AccessOptions.Keys)}",
            $"{AccessOptions.Section}:{nameof(AccessOptions.TrustedProxies)}", $"{IngestionOptions.Section}:{nameof(IngestionOptions.AllowedOrigins)}");
        builder.Services.AddOptions<AccessOptions>().Bind(builder.Configuration.GetSection(AccessOptions.Section)).ValidateProblems(o => o.Problems());
        builder.Services.AddSingleton<AccessKeys>();
        builder.Services.AddSingleton<RateLimitLog>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddCors();
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<IngestionOptions>>((cors, ingestion) => cors.AddPolicy(IngestionCors.Policy, IngestionCors.Build(ingestion.Value)));
        builder.Services.AddRateLimiter(IngestionRateLimit.Configure);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<AccessOptions>>((forwarded, access) => TrustProxies(forwarded, access.Value));
        builder.Services.PostConfigure<LoggerFilterOptions>(RequestUrlLogging.Restrict);
    }

    /// <summary>The security middleware, in order: the real client, routing (so the checks know the route), CORS, keys, rate limits.</summary>
    public static void UseSecurity(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<IOptions<AccessOptions>>().Value;
        if (access.TrustedProxies.Length > 0) app.UseForwardedHeaders();
        app.UseRouting();
        app.UseCors();
        app.UseMiddleware<AccessKeyMiddleware>();
        app.UseRateLimiter();

        if (access.Keys.Length > 0) SecurityLog.KeysRequired(app.Logger, access.Keys.Length);
        else if (!app.Environment.IsDevelopment()) SecurityLog.OpenAccess(app.Logger);
    }

    /// <summary>Ingestion's protection: CORS for the sites' pages, their origins checked, a rate limit per client.</summary>
    public static RouteHandlerBuilder WithIngestionProtection(this RouteHandlerBuilder ingestion) =>
        ingestion.RequireCors(IngestionCors.Policy).RequireRateLimiting(IngestionRateLimit.Policy).AddEndpointFilter<AllowedOriginFilter>();

    private static void TrustProxies(ForwardedHeadersOptions forwarded, AccessOptions access)
    {
        // Only X-Forwarded-For: the client's address is all the grid needs, and the last proxy's entry is the one it trusts.
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in access.TrustedProxies)
        {
            if (IPAddress.TryParse(proxy, out var address)) forwarded.KnownProxies.Add(address);
            else forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
        }
    }

    /// <summary>
    /// A list setting given as one value (<c>Access__Keys=abc</c>) binds to nothing, and silently: for keys that would
    /// leave the grid open. Such a value stops the host instead.
    /// </summary>
    private static void RefuseScalarLists(IConfiguration configuration, params string[] lists)
    {
        var wrong = lists.Where(list => configuration[list] is { Length: > 0 }).ToList();
        if (wrong.Count > 0)
            throw new InvalidOperationException("Invalid settings: " + string.Join("; ", wrong.Select(list =>
                $"{list} is a list: set {list}:0, {list}:1, … (environment: {list.Replace(":", "__")}__0)")));
    }
}
