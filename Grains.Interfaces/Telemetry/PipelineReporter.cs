using Analytics.Grains.Interfaces.Live;
using Microsoft.Extensions.Hosting;

namespace Analytics.Grains.Interfaces.Telemetry;

/// <summary>
/// Sends this process's pipeline counters to the grid's stats grain every two seconds, so that dashboards
/// see the health of the whole pipeline (silos and web hosts) without a Prometheus server.
/// </summary>
public sealed class PipelineReporter(PipelineMetrics metrics, IGrainFactory grains, IHostEnvironment environment) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private readonly string _source = $"{environment.ApplicationName}/{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await grains.GetGrain<IPipelineStatsGrain>(0).Report(metrics.Counters(_source));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The cluster may be starting or moving the stats grain; the next report fills the gap.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
