using Analytics.Sinks.InfluxDb.Diagnostics;
using Analytics.Sinks.InfluxDb.LineProtocol;
using Analytics.Sinks.InfluxDb.Schema;
using Analytics.Sinks.InfluxDb.Writers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Sinks.InfluxDb.Sink;

/// <summary>
/// Buffers points from many callers and writes them in batches from one background writer (see
/// <see cref="WriterLoop"/>). <see cref="Enqueue"/> never blocks; when the buffer is full the enqueue is
/// refused, counted and reported on its ticket. <see cref="StartAsync"/> returns at once: the schema is made
/// in the background, so a host starts even while InfluxDB is down, and points wait meanwhile.
/// </summary>
public sealed class InfluxSink : IMetricSink, IAsyncDisposable
{
    private readonly InfluxDbOptions _options;
    private readonly ILogger _logger;
    private readonly PointBuffer _buffer;
    private readonly SinkMeter _meter;
    private readonly WriterLoop _loop;
    private readonly CancellationTokenSource _closing = new();
    private readonly CancellationTokenSource _abort = new();
    private Task? _run;
    private int _started;
    private int _stopRequested;
    private volatile bool _closed;
    private int _overflowing;

    /// <param name="writer">The write path; not disposed by the sink.</param>
    /// <param name="schema">Run before the first write when given (API 1 with CreateSchema).</param>
    /// <param name="observer">Hears every write outcome, for <c>influxdb_write_requests_total{status}</c>.</param>
    public InfluxSink(
        IInfluxWriter writer,
        InfluxDbOptions options,
        InfluxSchemaBootstrapper? schema = null,
        IInfluxSinkObserver? observer = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        InfluxDbOptionsValidator.ThrowIfInvalid(options);
        var time = timeProvider ?? TimeProvider.System;
        _options = options;
        _logger = (ILogger?)loggerFactory?.CreateLogger<InfluxSink>() ?? NullLogger.Instance;
        _buffer = new PointBuffer(options.BufferCapacity);
        _meter = new SinkMeter(observer, _logger);
        var batches = new BatchWriter(writer, options, _meter, _logger, time);
        _loop = new WriterLoop(_buffer, batches, schema, options, _logger, time, Drop);
    }

    public InfluxSinkStatistics Statistics => _meter.Snapshot(_buffer.Held);

    public SinkTicket Enqueue(IReadOnlyList<MetricPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        foreach (var point in points)
            ArgumentNullException.ThrowIfNull(point, nameof(points));
        var ticket = new SinkTicket(points.Count);
        if (points.Count == 0)
            return ticket;
        if (Volatile.Read(ref _stopRequested) != 0)
        {
            Drop([.. points.Select(p => new PendingPoint(p, ticket))]);
            return ticket;
        }
        if (!_buffer.TryAdd(points, ticket))
        {
            Overflow(ticket);
            return ticket;
        }
        _meter.Enqueued(points.Count);
        if (Volatile.Read(ref _overflowing) == 1 && Interlocked.Exchange(ref _overflowing, 0) == 1)
            InfluxLog.BufferRecovered(_logger);

        // Stop may have swept the buffer between the check above and the add: then sweep again ourselves.
        if (_closed)
            CancelRemaining();
        else if (_buffer.Waiting >= _options.BatchSize)
            _loop.Ring();
        return ticket;
    }

    /// <summary>Starts the background writer and returns at once. Calling it again does nothing.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _stopRequested) != 0)
            throw new InvalidOperationException("The InfluxDB sink was stopped; create a new one.");
        // Task.Run: the writer must not run on the caller's scheduler (an Orleans activation, for one).
        if (Interlocked.Exchange(ref _started, 1) == 0)
            _run = Task.Run(() => _loop.RunAsync(_closing.Token, _abort.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Refuses new points, writes what is buffered for up to <see cref="InfluxDbOptions.ShutdownTimeout"/> (or until
    /// <paramref name="cancellationToken"/> fires), then cancels the tickets of whatever is left.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) == 0)
        {
            _closing.Cancel();
            _abort.CancelAfter(_options.ShutdownTimeout);
        }
        using (cancellationToken.Register(static abort => ((CancellationTokenSource)abort!).Cancel(), _abort))
        {
            if (_run is not null)
            {
                try
                {
                    await _run.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The shutdown timeout cut the last writes short; their tickets were cancelled.
                }
            }
        }
        var first = !_closed;
        _closed = true;
        var cancelled = CancelRemaining();
        if (first)
            InfluxLog.Stopped(_logger, cancelled);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _closing.Dispose();
        _abort.Dispose();
    }

    private void Overflow(SinkTicket ticket)
    {
        ticket.Fail(new SinkOverflowException(ticket.Points, _buffer.Capacity));
        _meter.Report(WriteOutcome.Dropped, ticket.Points);
        if (Interlocked.Exchange(ref _overflowing, 1) == 0)
            InfluxLog.BufferFull(_logger, _buffer.Capacity);
    }

    private int CancelRemaining()
    {
        var rest = _buffer.Take(int.MaxValue);
        _buffer.Release(rest.Count);
        if (rest.Count > 0)
            Drop(rest);
        return rest.Count;
    }

    private void Drop(IReadOnlyList<PendingPoint> points)
    {
        foreach (var ticket in points.Select(p => p.Ticket).Distinct())
            ticket.Cancel();
        _meter.Report(WriteOutcome.Dropped, points.Count);
    }
}
