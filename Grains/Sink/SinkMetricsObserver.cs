using Analytics.Grains.Interfaces.Telemetry;
using Analytics.Sinks.InfluxDb.Diagnostics;

namespace Analytics.Grains.Sink;

/// <summary>Counts the sink's write requests by outcome, and its failures and overflows as pipeline errors.</summary>
internal sealed class SinkMetricsObserver(PipelineMetrics metrics) : IInfluxSinkObserver
{
    public void OnWrite(WriteOutcome outcome, int points)
    {
        metrics.InfluxWrite(outcome.ToStatusLabel());
        if (outcome == WriteOutcome.Failure) metrics.Error(ErrorTypes.SinkFailure);
        if (outcome == WriteOutcome.Dropped) metrics.Error(ErrorTypes.SinkOverflow, points);
    }
}
