using System.Threading.Channels;
using Analytics.Sinks.InfluxDb.Diagnostics;
using Analytics.Sinks.InfluxDb.Errors;
using Analytics.Sinks.InfluxDb.Schema;
using Microsoft.Extensions.Logging;

namespace Analytics.Sinks.InfluxDb.Sink;

/// <summary>
/// The sink's single background writer. It first makes sure the schema exists, then sends a batch as soon as
/// <see cref="InfluxDbOptions.BatchSize"/> points wait and whatever waits every <see cref="InfluxDbOptions.FlushInterval"/>.
/// When closing it sends everything left and returns; when aborted it gives up the batch in flight.
/// </summary>
internal sealed class WriterLoop(
    PointBuffer buffer,
    BatchWriter batches,
    InfluxSchemaBootstrapper? schema,
    InfluxDbOptions options,
    ILogger logger,
    TimeProvider time,
    Action<IReadOnlyList<PendingPoint>> drop)
{
    // Rung when a full batch waits, so the writer need not sit out the flush interval; one pending ring is enough.
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Ring() => _doorbell.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken closing, CancellationToken abort)
    {
        await EnsureSchemaAsync(abort).ConfigureAwait(false);
        var nextFlush = time.GetUtcNow() + options.FlushInterval;
        while (true)
        {
            var closed = closing.IsCancellationRequested;
            var due = closed || time.GetUtcNow() >= nextFlush;
            if (due)
                nextFlush = time.GetUtcNow() + options.FlushInterval;
            while (buffer.Waiting >= options.BatchSize || (due && buffer.Waiting > 0))
                await WriteNextBatchAsync(abort).ConfigureAwait(false);
            if (closed)
                return;
            await WaitAsync(nextFlush, closing, abort).ConfigureAwait(false);
        }
    }

    private async Task WriteNextBatchAsync(CancellationToken abort)
    {
        var batch = buffer.Take(options.BatchSize);
        try
        {
            await batches.WriteAsync(batch, abort).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            drop(batch);
            throw;
        }
        finally
        {
            buffer.Release(batch.Count);
        }
    }

    /// <summary>Sleeps until the flush is due, a full batch waits, or the sink stops.</summary>
    private async Task WaitAsync(DateTimeOffset nextFlush, CancellationToken closing, CancellationToken abort)
    {
        var delay = nextFlush - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
            return;
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(closing, abort);
        var bell = _doorbell.Reader.WaitToReadAsync(wake.Token).AsTask();
        var timer = Task.Delay(delay, time, wake.Token);
        await Task.WhenAny(bell, timer).ConfigureAwait(false);
        await wake.CancelAsync().ConfigureAwait(false);
        _doorbell.Reader.TryRead(out _);
    }

    /// <summary>Points wait in the buffer until the schema is there; a server that is down at start-up is waited for.</summary>
    private async Task EnsureSchemaAsync(CancellationToken abort)
    {
        if (schema is null)
            return;
        while (true)
        {
            try
            {
                await schema.EnsureAsync(abort).ConfigureAwait(false);
                return;
            }
            catch (InfluxDbException e) when (e.IsTransient)
            {
                InfluxLog.SchemaRetrying(logger, options.BreakerBreakDuration, e);
                await Task.Delay(options.BreakerBreakDuration, time, abort).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                InfluxLog.SchemaFailed(logger, e);
                return;
            }
        }
    }
}
