using Analytics.Sinks.InfluxDb.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Analytics.Sinks.InfluxDb.Sink;

/// <summary>Counts what the sink does and tells the host's observer; a throwing observer cannot hurt the sink.</summary>
internal sealed class SinkMeter(IInfluxSinkObserver? observer, ILogger logger)
{
    private long _enqueued;
    private long _written;
    private long _dropped;
    private long _rejected;
    private long _successes;
    private long _retries;
    private long _failures;

    public void Enqueued(int points) => Interlocked.Add(ref _enqueued, points);

    public void Written(int points) => Interlocked.Add(ref _written, points);

    public void Rejected(int points) => Interlocked.Add(ref _rejected, points);

    public void Report(WriteOutcome outcome, int points)
    {
        switch (outcome)
        {
            case WriteOutcome.Success:
                Interlocked.Increment(ref _successes);
                break;
            case WriteOutcome.Retry:
                Interlocked.Increment(ref _retries);
                break;
            case WriteOutcome.Failure:
                Interlocked.Increment(ref _failures);
                break;
            case WriteOutcome.Dropped:
                Interlocked.Add(ref _dropped, points);
                break;
        }
        if (observer is null)
            return;
        try
        {
            observer.OnWrite(outcome, points);
        }
        catch (Exception e)
        {
            InfluxLog.ObserverFailed(logger, e);
        }
    }

    public InfluxSinkStatistics Snapshot(int buffered) => new(
        Interlocked.Read(ref _enqueued),
        Interlocked.Read(ref _written),
        Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _rejected),
        buffered,
        Interlocked.Read(ref _successes),
        Interlocked.Read(ref _retries),
        Interlocked.Read(ref _failures));
}
