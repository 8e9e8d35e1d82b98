namespace Analytics.Grains.Interfaces.Time;

/// <summary>The event-time rules of METRICS.md §2 and §3, one setting each (configuration section <c>EventTime</c>).</summary>
public sealed class EventTimeOptions
{
    public const string Section = "EventTime";

    /// <summary>Watermark of a partition = the largest event time seen in it minus this.</summary>
    public TimeSpan MaxOutOfOrderness { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A partition with no events for this long (or none yet) stops holding the watermark back.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A window becomes final once the watermark passes its end plus this.</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.Zero;

    /// <summary>An event more than this ahead of the server's clock is rejected.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A session ends after a gap between a visitor's events longer than this.</summary>
    public TimeSpan SessionGap { get; set; } = TimeSpan.FromMinutes(30);

    public long AllowedLatenessMs => (long)AllowedLateness.TotalMilliseconds;

    public long SessionGapMs => (long)SessionGap.TotalMilliseconds;

    /// <summary>The settings that are wrong, each with its rule; empty when all are right.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxOutOfOrderness < TimeSpan.Zero) yield return "EventTime:MaxOutOfOrderness must not be negative";
        if (IdleTimeout <= TimeSpan.Zero) yield return "EventTime:IdleTimeout must be positive";
        if (AllowedLateness < TimeSpan.Zero) yield return "EventTime:AllowedLateness must not be negative";
        if (MaxFutureSkew < TimeSpan.Zero) yield return "EventTime:MaxFutureSkew must not be negative";
        if (SessionGap <= TimeSpan.Zero) yield return "EventTime:SessionGap must be positive";
        if (AllowedLateness.Ticks % TimeSpan.TicksPerMillisecond != 0 || SessionGap.Ticks % TimeSpan.TicksPerMillisecond != 0)
            yield return "EventTime:AllowedLateness and SessionGap must be whole milliseconds";
    }
}
