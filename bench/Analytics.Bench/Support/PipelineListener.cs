using System.Diagnostics.Metrics;
using Analytics.Grains.Interfaces.Telemetry;

namespace Analytics.Bench.Support;

/// <summary>
/// Listens to the grid's own pipeline instruments (meter <see cref="PipelineMetrics.MeterName"/>) in this process:
/// every value of the latency histogram behind analytics_pipeline_latency_seconds, and the count of applied
/// events with the time the first and the latest were applied.
/// </summary>
internal sealed class PipelineListener : IDisposable
{
    private const string LatencyInstrument = "analytics_pipeline_latency";
    private const string EventsInstrument = "analytics_pipeline_events";
    private readonly MeterListener _listener = new();
    private long _applied;
    private long _firstAppliedTicks;
    private long _lastAppliedTicks;

    public PipelineListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName && instrument.Name is LatencyInstrument or EventsInstrument)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == LatencyInstrument) Latency.Record(value);
        });
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name != EventsInstrument) return;
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            Interlocked.CompareExchange(ref _firstAppliedTicks, now, 0);
            Volatile.Write(ref _lastAppliedTicks, now);
            Interlocked.Add(ref _applied, value);
        });
        _listener.Start();
    }

    public LatencyHistogram Latency { get; } = new();

    /// <summary>Events applied to shard state since the listener started.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Stopwatch timestamps of the first and the latest applied event; 0 before the first.</summary>
    public long FirstAppliedAt => Interlocked.Read(ref _firstAppliedTicks);

    public long LastAppliedAt => Volatile.Read(ref _lastAppliedTicks);

    public void Dispose() => _listener.Dispose();
}
