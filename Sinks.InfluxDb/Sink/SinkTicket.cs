namespace Analytics.Sinks.InfluxDb.Sink;

/// <summary>
/// The receipt for one <see cref="IMetricSink.Enqueue"/>. <see cref="Written"/> completes once every point of
/// it is stored in InfluxDB; it faults with <see cref="SinkOverflowException"/> when the buffer had no room,
/// or with an <see cref="Errors.InfluxDbException"/> when the server refused the points for good; it is
/// cancelled when the sink stopped before sending them. A grain keeps its windows until its ticket
/// completes, and enqueues them again otherwise (or after a restart): writes are idempotent.
/// </summary>
public sealed class SinkTicket
{
    // Continuations never run on the sink's writer, which must not be held up by a caller's code.
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _unwritten;

    internal SinkTicket(int points)
    {
        Points = points;
        _unwritten = points;
        if (points == 0)
            _written.SetResult();
    }

    /// <summary>How many points the enqueue carried.</summary>
    public int Points { get; }

    public Task Written => _written.Task;

    internal void MarkWritten(int points)
    {
        if (Interlocked.Add(ref _unwritten, -points) == 0)
            _written.TrySetResult();
    }

    internal void Fail(Exception error)
    {
        // Marked as observed: a grain that deactivates without looking at its ticket must not raise UnobservedTaskException.
        if (_written.TrySetException(error))
            _ = _written.Task.Exception;
    }

    internal void Cancel() => _written.TrySetCanceled();
}
