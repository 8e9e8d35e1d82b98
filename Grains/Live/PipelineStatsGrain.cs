using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Live;
using Analytics.Grains.Interfaces.Telemetry;
using Analytics.Streaming.Kafka.Progress;

namespace Analytics.Grains.Live;

/// <summary>
/// Turns every process's running counters into the pipeline's health over the last minute: events and
/// errors per minute, latency quantiles from the histogram buckets, consumer lag, and watermarks.
/// </summary>
internal sealed class PipelineStatsGrain(TimeProvider time) : Grain, IPipelineStatsGrain
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Lapse = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, Queue<PipelineCounters>> _history = [];

    public Task Report(PipelineCounters counters)
    {
        if (!_history.TryGetValue(counters.Source, out var history)) _history[counters.Source] = history = new Queue<PipelineCounters>();
        history.Enqueue(counters);
        while (history.Count > 2 && counters.At - history.Peek().At > Window.TotalMilliseconds) history.Dequeue();
        return Task.CompletedTask;
    }

    public async Task<PipelineSnapshot> Get()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var gone in _history.Where(h => now - h.Value.Last().At > Lapse.TotalMilliseconds).Select(h => h.Key).ToList()) _history.Remove(gone);

        double events = 0, errors = 0;
        var buckets = new long[PipelineMetrics.LatencyBounds.Length + 1];
        long lag = 0;
        foreach (var history in _history.Values)
        {
            var (first, last) = (history.Peek(), history.Last());
            // Rates per minute over the span this source covered (at least a second, to avoid dividing by nothing).
            var minutes = Math.Max(last.At - first.At, 1000) / 60_000.0;
            events += (last.Events - first.Events) / minutes;
            errors += (last.Errors - first.Errors) / minutes;
            for (var i = 0; i < buckets.Length; i++) buckets[i] += last.LatencyBuckets[i] - first.LatencyBuckets[i];
            lag += last.ConsumerLag;
        }
        var progress = await GrainFactory.GetGrain<IKafkaProgressGrain>(GridOptions.StreamProvider).GetProgress();
        return new PipelineSnapshot(
            now, events, Quantile(buckets, 0.50), Quantile(buckets, 0.95), Quantile(buckets, 0.99), errors,
            events + errors == 0 ? 0 : errors / (events + errors), lag,
            progress.Watermark == long.MinValue ? null : progress.Watermark,
            progress.FinalWatermark == long.MinValue ? null : progress.FinalWatermark);
    }

    /// <summary>A quantile in milliseconds from bucket counts, interpolating within the bucket (as Prometheus does).</summary>
    private static double? Quantile(long[] buckets, double q)
    {
        var total = buckets.Sum();
        if (total == 0) return null;
        var rank = q * total;
        long seen = 0;
        var bounds = PipelineMetrics.LatencyBounds;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (seen + buckets[i] < rank)
            {
                seen += buckets[i];
                continue;
            }
            var lower = i == 0 ? 0 : bounds[i - 1];
            var upper = i < bounds.Length ? bounds[i] : bounds[^1];
            return (lower + (upper - lower) * (rank - seen) / Math.Max(buckets[i], 1)) * 1000;
        }
        return bounds[^1] * 1000;
    }
}
