using Analytics.Api.Live;
using Analytics.Grains.Interfaces.Telemetry;

namespace Analytics.Api.Extensions;

public static class LiveExtensions
{
    public static void AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<LiveSubscriptions>();
        builder.Services.AddSingleton<LiveObserver>();
        builder.Services.AddHostedService<LiveRegistration>();
        builder.Services.AddHostedService<PipelineReporter>();
    }

    public static void MapLive(this WebApplication app) => app.MapHub<MetricsHub>("/hubs/metrics");
}
