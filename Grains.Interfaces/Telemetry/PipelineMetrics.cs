using System.Diagnostics;
using System.Diagnostics.Metrics;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Live;

namespace Analytics.Grains.Interfaces.Telemetry;

/// <summary>
/// The pipeline metrics of METRICS.md §4, one instrument each, shared by the API and the silos. The
/// Prometheus exporter turns the names below into the contract's names (see README, "Metrics").
/// </summary>
public sealed class PipelineMetrics : IDisposable
{
    public const string MeterName = "Analytics.Pipeline";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _events;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _errorCounter;
    private readonly Counter<long> _late;
    private readonly Counter<long> _bots;
    private readonly Counter<long> _influxWrites;
    private readonly Histogram<double> _checkpoints;
    private readonly long[] _latencyBuckets = new long[LatencyBounds.Length + 1];
    private long _eventsApplied;
    private long _errors;
    private Func<long> _lag = () => 0;

    /// <summary>Latency bucket bounds in seconds; the last bucket is everything above.</summary>
    public static readonly double[] LatencyBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The <c>watermark</c> values of <c>analytics_watermark_lag_seconds</c>.</summary>
    public const string GridWatermark = "grid";
    public const string FinalWatermark = "final";

    public PipelineMetrics()
    {
        _events = _meter.CreateCounter<long>("analytics_pipeline_events", description: "Events applied to the grid");
        _latency = _meter.CreateHistogram<double>(
            "analytics_pipeline_latency", unit: "s",
            description: "From the ingestion endpoint's acceptance of an event to the update of the grain state holding it",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBounds });
        _errorCounter = _meter.CreateCounter<long>("analytics_pipeline_errors", description: "Rejected input, poison messages, sink failures");
        _late = _meter.CreateCounter<long>("analytics_pipeline_late_events", description: "Events that came after their window was final");
        _bots = _meter.CreateCounter<long>("analytics_pipeline_bot_events", description: "Events from bots, kept out of every metric");
        _influxWrites = _meter.CreateCounter<long>("influxdb_write_requests", description: "Batch writes to InfluxDB by outcome");
        _checkpoints = _meter.CreateHistogram<double>(
            "analytics_checkpoint_duration", unit: "s",
            description: "How long a shard's state write took at a checkpoint (the shard takes no events meanwhile)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBounds });
    }

    public Meter Meter => _meter;

    /// <summary>The latency of one event applied to the grid; the events are counted with <see cref="EventsApplied"/>.</summary>
    public void EventLatency(double latencySeconds)
    {
        _latency.Record(latencySeconds);
        var bucket = Array.BinarySearch(LatencyBounds, latencySeconds);
        Interlocked.Increment(ref _latencyBuckets[bucket >= 0 ? bucket : ~bucket]);
    }

    /// <summary>
    /// Events of one type applied to the grid by one grain call: counted once per call, not per event, as the
    /// tagged counter is the dearer of the two instruments.
    /// </summary>
    public void EventsApplied(string eventType, long count)
    {
        if (count == 0) return;
        _events.Add(count, new KeyValuePair<string, object?>("event_type", eventType));
        Interlocked.Add(ref _eventsApplied, count);
    }

    public void Error(string errorType, long count = 1)
    {
        _errorCounter.Add(count, new KeyValuePair<string, object?>("error_type", errorType));
        Interlocked.Add(ref _errors, count);
    }

    public void LateEvent() => _late.Add(1);

    /// <summary>Bots' events ingestion accepted (answered 202): on Kafka marked as bots', counted in no other metric.</summary>
    public void BotEvents(long count)
    {
        if (count > 0) _bots.Add(count);
    }

    public void InfluxWrite(string status) => _influxWrites.Add(1, new KeyValuePair<string, object?>("status", status));

    public void CheckpointDuration(TimeSpan duration) => _checkpoints.Record(duration.TotalSeconds);

    /// <summary>
    /// Adds 0 to every counter for each of its known label values, so the first scrape already holds every series:
    /// Prometheus' instrumentation guide asks for this, as a series that appears only with its first event reads
    /// "no data" in a panel and breaks <c>rate()</c> until then. Call it once the meter provider listens: an
    /// instrument drops what is recorded before a listener enables it.
    /// </summary>
    public void StartAtZero(IEnumerable<string> influxWriteStatuses)
    {
        foreach (var type in EventTypes.All) _events.Add(0, new KeyValuePair<string, object?>("event_type", type.ToWireName()));
        foreach (var type in ErrorTypes.All) _errorCounter.Add(0, new KeyValuePair<string, object?>("error_type", type));
        _late.Add(0);
        _bots.Add(0);
        foreach (var status in influxWriteStatuses) _influxWrites.Add(0, new KeyValuePair<string, object?>("status", status));
    }

    /// <summary>Registers the consumer-lag gauge; the value is read each time metrics are collected.</summary>
    public void ObserveLag(string topic, Func<long> lag)
    {
        _lag = lag;
        _meter.CreateObservableGauge("kafka_consumer_lag_sum", () => new Measurement<long>(lag(), new KeyValuePair<string, object?>("topic", topic)),
            description: "Messages in the topic not yet applied");
    }

    /// <summary>
    /// Registers the watermark-lag gauge: how far the grid's watermark and the final watermark (epoch ms, read each
    /// time metrics are collected) trail the clock. Nothing is reported before this silo has learned a watermark.
    /// </summary>
    public void ObserveWatermarks(Func<long> grid, Func<long> final, TimeProvider clock)
    {
        _meter.CreateObservableGauge("analytics_watermark_lag", () => Lags(), unit: "s",
            description: "How far a watermark trails the clock: the grid's, and the final one windows become final by");

        IEnumerable<Measurement<double>> Lags()
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var (name, watermark) in new[] { (GridWatermark, grid()), (FinalWatermark, final()) })
            {
                if (watermark == long.MinValue) continue;
                yield return new Measurement<double>((now - watermark) / 1000.0, new KeyValuePair<string, object?>("watermark", name));
            }
        }
    }

    /// <summary>This process's counts since it started, for the grid's own view of its health (dashboards).</summary>
    public PipelineCounters Counters(string source) => new(
        source, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Interlocked.Read(ref _eventsApplied), Interlocked.Read(ref _errors),
        [.. _latencyBuckets.Select((_, i) => Interlocked.Read(ref _latencyBuckets[i]))], _lag());

    public void Dispose() => _meter.Dispose();
}

/// <summary>The <c>error_type</c> values of <c>analytics_pipeline_errors_total</c>.</summary>
public static class ErrorTypes
{
    public const string InvalidInput = "invalid_input";
    public const string PayloadTooLarge = "payload_too_large";
    public const string RateLimited = "rate_limited";
    public const string KafkaUnavailable = "kafka_unavailable";
    public const string SaltUnavailable = "salt_unavailable";
    public const string Poison = "poison";
    public const string SinkFailure = "sink_failure";
    public const string SinkOverflow = "sink_overflow";

    public static readonly IReadOnlyList<string> All = [InvalidInput, PayloadTooLarge, RateLimited, KafkaUnavailable, SaltUnavailable, Poison, SinkFailure, SinkOverflow];
}
