using Analytics.Grains.Interfaces.Telemetry;
using Analytics.Streaming.Kafka.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Analytics.Grains.Hosting;

/// <summary>Connects the stream provider's own counts to the pipeline metrics: consumer lag, and dead letters as errors.</summary>
internal sealed class GridTelemetry(PipelineMetrics metrics, [FromKeyedServices(GridOptions.StreamProvider)] KafkaStreamStatistics statistics) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveLag(statistics.Topic, () => statistics.Lag);
        statistics.DeadLetterSent += OnDeadLetter;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        statistics.DeadLetterSent -= OnDeadLetter;
        return Task.CompletedTask;
    }

    private void OnDeadLetter() => metrics.Error(ErrorTypes.Poison);
}
