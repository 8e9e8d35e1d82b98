using System.Threading.Channels;
using Analytics.Grains.Interfaces.Events;
using Analytics.LoadGenerator.Pacing;
using Analytics.LoadGenerator.Sinks;
using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Running;

/// <summary>
/// One producer draws events from the traffic model as the pacer releases them, stamped with their slot's
/// wall-clock time, and queues them in batches; several senders (one per connection) take batches off the
/// queue. A full queue holds the producer back, and the pacer then counts the slots it could not keep.
/// </summary>
public sealed class LoadDriver(TrafficGenerator traffic, RatePacer pacer, IEventSink sink, int senders, TimeProvider time, RunStatistics statistics)
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    /// <summary>Runs until <paramref name="duration"/> has passed or <paramref name="stop"/> fires, and every queued batch is answered.</summary>
    /// <returns>How long it ran, until the last answer.</returns>
    public async Task<TimeSpan> RunAsync(TimeSpan duration, CancellationToken stop)
    {
        var queue = Channel.CreateBounded<AnalyticsEvent[]>(new BoundedChannelOptions(2 * senders) { SingleWriter = true });
        var start = time.GetTimestamp();
        var startMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var sending = Enumerable.Range(0, senders).Select(_ => Task.Run(() => SendAsync(queue.Reader, stop))).ToArray();
        try
        {
            await ProduceAsync(queue.Writer, start, startMs, duration, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C: stop drawing events; what is in flight still gets its answer below.
        }
        finally
        {
            queue.Writer.Complete();
        }
        await Task.WhenAll(sending);
        return time.GetElapsedTime(start);
    }

    private async Task ProduceAsync(ChannelWriter<AnalyticsEvent[]> queue, long start, long startMs, TimeSpan duration, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var elapsed = time.GetElapsedTime(start);
            var ending = elapsed >= duration;
            var release = pacer.Take(ending ? duration : elapsed, final: ending);
            if (release.Count > 0)
            {
                var batch = new AnalyticsEvent[release.Count];
                for (var i = 0; i < batch.Length; i++)
                {
                    var at = pacer.Rate is null ? elapsed : pacer.DueAt(release.First + i);
                    batch[i] = traffic.Next(startMs + (long)at.TotalMilliseconds);
                }
                await queue.WriteAsync(batch, stop);
                continue;
            }
            if (ending) return;
            var wait = pacer.NextReadyAt() - elapsed;
            if (wait > duration - elapsed) wait = duration - elapsed;
            await Task.Delay(wait > MinimumWait ? wait : MinimumWait, time, stop);
        }
    }

    private async Task SendAsync(ChannelReader<AnalyticsEvent[]> queue, CancellationToken stop)
    {
        await foreach (var batch in queue.ReadAllAsync(CancellationToken.None))
        {
            // After Ctrl+C the queued batches are dropped: they were never sent, so they count nowhere.
            if (stop.IsCancellationRequested) continue;
            statistics.Sending(batch.Length);
            SendResult result;
            try
            {
                // In-flight requests finish even after Ctrl+C: their answer decides whether the events count as accepted.
                result = await sink.SendAsync(batch, CancellationToken.None);
            }
            catch (Exception e)
            {
                // A sink that throws must not end the run: the batch fails under the exception's name, like any refusal.
                result = SendResult.Refused(batch.Length, e.GetType().Name);
            }
            statistics.Record(result);
        }
    }
}
