using Analytics.Grains.Interfaces.Hosting;
using Analytics.Grains.Interfaces.Telemetry;
using Analytics.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace Analytics.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// The pipeline metrics (METRICS.md §4) and runtime metrics in Prometheus form, and readiness checks of
    /// what this host depends on: Kafka, and PostgreSQL and InfluxDB when they are configured (and only then listed).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<PipelineMetrics>();
        builder.Services.TryAddSingleton<ProcessMemoryMetrics>();
        builder.Services.TryAddSingleton<BuildInfoMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PipelineMetrics.MeterName, ProcessMemoryMetrics.MeterName, BuildInfoMetrics.MeterName)
            .AddInstrumentation(services => services.GetRequiredService<ProcessMemoryMetrics>())
            .AddInstrumentation(services => services.GetRequiredService<BuildInfoMetrics>())
            .AddRuntimeInstrumentation()
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        builder.Services.AddHostedService<KnownSeriesAtZero>();
        // Only what this process uses: a check of a dependency that is not configured would read "Healthy" in
        // /health/ready, and an operator would take it for connected.
        var checks = builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka", tags: [ReadyTag]);
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        if (cluster.UsesAdoNet) checks.AddCheck<PostgresHealthCheck>("postgresql", tags: [ReadyTag]);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[InfluxDbHealthCheck.UrlSetting]))
        {
            checks.AddCheck<InfluxDbHealthCheck>("influxdb", tags: [ReadyTag]);
            builder.Services.AddHttpClient(InfluxDbHealthCheck.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(3));
        }
        return builder;
    }

    private const string ReadyTag = "ready";

    /// <summary><c>/metrics</c>; <c>/health/live</c> (the process answers); <c>/health/ready</c> (its dependencies answer too).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return app;
    }
}
