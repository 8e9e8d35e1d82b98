namespace Analytics.Api.Security;

/// <summary>
/// Counts the requests the ingestion rate limit refuses and reports them in one log line at most every
/// <see cref="Interval"/>: a client that floods must not flood the log as well.
/// </summary>
public sealed class RateLimitLog(ILogger<RateLimitLog> logger, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private long _refused;
    private long _since = time.GetTimestamp();
    private long _lastLine = long.MinValue;

    public void Refused(string client)
    {
        long refused;
        TimeSpan elapsed;
        lock (_lock)
        {
            _refused++;
            var now = time.GetTimestamp();
            // The first refusal is reported at once; later ones once the interval since the last line has passed.
            if (_lastLine != long.MinValue && time.GetElapsedTime(_lastLine, now) < Interval) return;
            (refused, elapsed, _refused, _since, _lastLine) = (_refused, time.GetElapsedTime(_since, now), 0, now, now);
        }
        SecurityLog.RateLimited(logger, refused, Math.Max(elapsed.TotalSeconds, 0), client);
    }
}
