using Analytics.Grains.Interfaces.Telemetry;
using Analytics.Sinks.InfluxDb.Diagnostics;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace Analytics.ServiceDefaults;

/// <summary>
/// Puts every pipeline counter with known labels at 0 when the host starts, so a fresh process's first scrape of
/// <c>/metrics</c> already has them. The meter provider is taken as a dependency because building it is what
/// starts its listener: a 0 added before that would be lost.
/// </summary>
internal sealed class KnownSeriesAtZero(MeterProvider listening, PipelineMetrics metrics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(listening);
        metrics.StartAtZero(WriteOutcomeLabels.All);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
