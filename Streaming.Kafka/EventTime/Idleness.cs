namespace Analytics.Streaming.Kafka.EventTime;

/// <summary>
/// When a partition's reader is idle (METRICS.md §2): it has read up to the end offset the broker reports, nothing waits to be
/// handed on, and no record came for the idle timeout, counted from the last record or from when reading (re)started. A
/// reader whose new position is not taken up yet (<paramref name="quietSince"/> null) is moving, and never idle.
/// </summary>
public static class Idleness
{
    /// <param name="endOffset">The partition's end offset as the broker reported it (-1 when unknown).</param>
    /// <param name="position">The next offset the reader hands on.</param>
    /// <param name="buffered">Records fetched and not handed on yet.</param>
    public static bool IsIdle(long endOffset, long position, int buffered, DateTimeOffset? quietSince, DateTimeOffset now, TimeSpan idleTimeout) =>
        endOffset >= 0 && buffered == 0 && position >= endOffset && quietSince is { } quiet && now - quiet >= idleTimeout;
}
