using Analytics.Grains.Interfaces.Telemetry;
using Analytics.Streaming.Kafka.Consumers;
using Analytics.Streaming.Kafka.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Analytics.Grains.Hosting;

/// <summary>
/// Connects the stream provider's own counts to the pipeline metrics: consumer lag, the watermarks this silo
/// learned, and dead letters as errors.
/// </summary>
internal sealed class GridTelemetry(
    PipelineMetrics metrics,
    [FromKeyedServices(GridOptions.StreamProvider)] KafkaStreamStatistics statistics,
    [FromKeyedServices(GridOptions.StreamProvider)] IKafkaWatermarks watermarks,
    TimeProvider clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveLag(statistics.Topic, () => statistics.Lag);
        metrics.ObserveWatermarks(() => watermarks.Watermark, () => watermarks.FinalWatermark, clock);
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
