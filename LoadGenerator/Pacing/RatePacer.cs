namespace Analytics.LoadGenerator.Pacing;

/// <summary>
/// The rate limiter: spreads events evenly at a target rate and groups them into batches. Slot i falls due
/// (i + 1) / rate after the start, which is also its event time. A batch goes when it is full, or when its
/// oldest slot has waited <c>flushInterval</c>, so a low rate still sends steadily. A sender that falls more
/// than <c>maxLag</c> behind gives up its oldest slots instead of bursting to catch up; they count as missed,
/// and the achieved rate shows the shortfall. Without a rate (flat out) every call releases a full batch.
/// Time is whatever the caller says has elapsed, so a test can drive it with simulated time. One producer
/// owns it; <see cref="Missed"/> may be read from other threads.
/// </summary>
public sealed class RatePacer
{
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaxLag = TimeSpan.FromSeconds(2);

    private readonly int _batchSize;
    private readonly TimeSpan _flushInterval;
    private readonly long _maxBacklog;
    private long _next, _missed;

    /// <param name="eventsPerSecond">The target rate; null for as fast as the sender takes them.</param>
    public RatePacer(double? eventsPerSecond, int batchSize, TimeSpan? flushInterval = null, TimeSpan? maxLag = null)
    {
        if (eventsPerSecond is { } r && !(r > 0 && double.IsFinite(r)))
            throw new ArgumentOutOfRangeException(nameof(eventsPerSecond), r, "must be a positive number or null");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Rate = eventsPerSecond;
        _batchSize = batchSize;
        _flushInterval = flushInterval ?? DefaultFlushInterval;
        _maxBacklog = Math.Max(batchSize, (long)Math.Min(long.MaxValue / 2, Math.Ceiling((maxLag ?? DefaultMaxLag).TotalSeconds * (eventsPerSecond ?? 0))));
    }

    public double? Rate { get; }

    /// <summary>Slots given up because the sender was too far behind.</summary>
    public long Missed => Volatile.Read(ref _missed);

    /// <summary>The events to send now; an empty release when the next batch is not ready.</summary>
    /// <param name="final">The run ends: hand out whatever is due, full batch or not (flat out, nothing is).</param>
    public Release Take(TimeSpan elapsed, bool final = false)
    {
        if (Rate is null) return final ? default : Hand(_batchSize);

        // Multiplying by the rate, not dividing by the interval, keeps whole rates exact: 300/s for 6 s is 1,800 events, not 1,799.
        var backlog = (long)Math.Floor(elapsed.Ticks * Rate.Value / TimeSpan.TicksPerSecond) - _next;
        if (backlog > _maxBacklog)
        {
            Volatile.Write(ref _missed, _missed + backlog - _maxBacklog);
            _next += backlog - _maxBacklog;
            backlog = _maxBacklog;
        }
        if (backlog <= 0) return default;
        if (backlog < _batchSize && !final && elapsed < DueAt(_next) + _flushInterval) return default;
        return Hand((int)Math.Min(backlog, _batchSize));
    }

    /// <summary>When, counted from the start, the next batch will be ready: full, or its oldest slot waited long enough.</summary>
    public TimeSpan NextReadyAt() =>
        Rate is null ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(DueAt(_next + _batchSize - 1).Ticks, (DueAt(_next) + _flushInterval).Ticks));

    /// <summary>When slot <paramref name="index"/> of a paced run falls due, counted from the start: the event time of its event.</summary>
    public TimeSpan DueAt(long index) => TimeSpan.FromTicks((long)Math.Ceiling((index + 1) * (double)TimeSpan.TicksPerSecond / Rate!.Value));

    private Release Hand(int count)
    {
        var release = new Release(_next, count);
        _next += count;
        return release;
    }
}

/// <summary>Slots <see cref="First"/> to <see cref="First"/> + <see cref="Count"/> − 1.</summary>
public readonly record struct Release(long First, int Count);
