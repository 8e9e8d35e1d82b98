using Analytics.Sinks.InfluxDb.Diagnostics;
using Analytics.Sinks.InfluxDb.Errors;
using Analytics.Sinks.InfluxDb.LineProtocol;
using Analytics.Sinks.InfluxDb.Writers;
using Microsoft.Extensions.Logging;
using Polly;

namespace Analytics.Sinks.InfluxDb.Sink;

/// <summary>
/// Sends one batch until it is settled: stored (tickets advance) or refused for good (tickets fault).
/// A transient failure never gives a batch up: after the pipeline's retries, or while the circuit is open,
/// the batch waits and is sent again, so an outage costs buffer space, not data. Only cancellation
/// (shutdown) ends the attempt early.
/// </summary>
internal sealed class BatchWriter(IInfluxWriter writer, InfluxDbOptions options, SinkMeter meter, ILogger logger, TimeProvider time)
{
    private readonly ResiliencePipeline _pipeline = WriteResilience.Build(options, time, meter, logger);

    public Task WriteAsync(IReadOnlyList<PendingPoint> batch, CancellationToken cancellationToken) =>
        WriteAsync(batch, mayIsolate: true, cancellationToken);

    private async Task WriteAsync(IReadOnlyList<PendingPoint> batch, bool mayIsolate, CancellationToken cancellationToken)
    {
        var points = batch.Select(p => p.Point).ToArray();
        while (true)
        {
            try
            {
                await SendAsync(points, cancellationToken).ConfigureAwait(false);
                Complete(batch);
                return;
            }
            catch (InfluxDbException e) when (!e.IsTransient)
            {
                await RejectAsync(batch, e, mayIsolate, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e)
            {
                // Stopping: whatever the failure, the caller cancels the batch's tickets.
                cancellationToken.ThrowIfCancellationRequested();
                // Transient after all retries, an open circuit, or something unforeseen: keep the batch and try
                // again once an open circuit would let a probe through.
                InfluxLog.WriteDeferred(logger, points.Length, options.BreakerBreakDuration, e);
                await Task.Delay(options.BreakerBreakDuration, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SendAsync(MetricPoint[] points, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(WriteResilience.Points, points.Length);
        try
        {
            await _pipeline.ExecuteAsync(
                static async (ctx, state) => await state.writer.WriteAsync(state.points, ctx.CancellationToken).ConfigureAwait(false),
                context,
                (writer, points)).ConfigureAwait(false);
            meter.Report(WriteOutcome.Success, points.Length);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            meter.Report(WriteOutcome.Failure, points.Length);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task RejectAsync(IReadOnlyList<PendingPoint> batch, InfluxDbException error, bool mayIsolate, CancellationToken cancellationToken)
    {
        var tickets = batch.GroupBy(p => p.Ticket).ToList();
        if (mayIsolate && tickets.Count > 1 && error is InfluxPointsRejectedException)
        {
            // One caller's bad point must not fail everyone else's: resend ticket by ticket. Points the server
            // already stored from this batch are simply overwritten with the same values.
            foreach (var ticket in tickets)
                await WriteAsync(ticket.ToList(), mayIsolate: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        InfluxLog.PointsRejected(logger, batch.Count, error);
        meter.Rejected(batch.Count);
        foreach (var ticket in tickets)
            ticket.Key.Fail(error);
    }

    private void Complete(IReadOnlyList<PendingPoint> batch)
    {
        foreach (var ticket in batch.GroupBy(p => p.Ticket))
            ticket.Key.MarkWritten(ticket.Count());
        meter.Written(batch.Count);
    }
}
