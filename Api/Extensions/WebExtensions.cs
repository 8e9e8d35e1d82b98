using Analytics.Api.Security;
using Analytics.ServiceDefaults;
using Microsoft.Extensions.FileProviders;
using Orleans.Dashboard;
using Scalar.AspNetCore;

namespace Analytics.Api.Extensions;

public static class WebExtensions
{
    /// <summary>The OpenAPI document of every route, metrics and health checks.</summary>
    public static void AddWebServices(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer<AccessKeyDocument>());
    }

    /// <summary>
    /// The pages this host serves: the site owners' dashboard (built from Dashboard/ with npm), the official
    /// Orleans dashboard at /orleans, the OpenAPI document at /openapi/v1.json with a browsable UI at /scalar,
    /// metrics at /metrics, and /health/live and /health/ready.
    /// </summary>
    public static void MapWebPages(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapOrleansDashboard(routePrefix: "/orleans");
        app.MapDefaultEndpoints();

        var dashboard = DashboardFiles(app.Configuration, app.Environment);
        if (dashboard is null) return;
        var files = new PhysicalFileProvider(dashboard);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
    }

    /// <summary>Where the built dashboard is: <c>Dashboard:Path</c>, else Dashboard/dist of the repository.</summary>
    private static string? DashboardFiles(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration["Dashboard:Path"];
        var path = !string.IsNullOrEmpty(configured)
            ? configured
            : Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "Dashboard", "dist"));
        return Directory.Exists(path) ? path : null;
    }
}
