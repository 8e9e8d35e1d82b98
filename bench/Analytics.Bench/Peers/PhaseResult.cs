using Analytics.Bench.Support;

namespace Analytics.Bench.Peers;

/// <summary>
/// One engine's run over the log: when it was started, when it handled its first record, when its result
/// covered the whole log, and what the process spent meanwhile.
/// </summary>
internal sealed record PhaseResult(
    string Engine, long Events, TimeSpan StartToFirst, TimeSpan FirstToDone, ProcessCounters Spent,
    List<(string Group, int Threads, double Seconds)> ThreadCpu, double[] LoadBefore)
{
    /// <summary>Events per second from the first record read to the last counted: start-up and group joins excluded.</summary>
    public double EventsPerSecond => Events / FirstToDone.TotalSeconds;

    /// <summary>Events per second including the time from start to the first record.</summary>
    public double EventsPerSecondWithStart => Events / (StartToFirst + FirstToDone).TotalSeconds;
}

/// <summary>Marks the moments of a phase: started, first record, done; and the process counters between start and done.</summary>
internal sealed class PhaseClock
{
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly ProcessCounters _counters = ProcessCounters.Now();
    private readonly Dictionary<int, (string Name, double Seconds)> _threads = Support.ThreadCpu.Snapshot();
    private readonly double[] _load = Machine.LoadAverageNow();
    private long _first;

    public void First() => Interlocked.CompareExchange(ref _first, System.Diagnostics.Stopwatch.GetTimestamp(), 0);

    public void FirstAt(long timestamp) => Interlocked.CompareExchange(ref _first, timestamp, 0);

    public PhaseResult Done(string engine, long events)
    {
        var done = System.Diagnostics.Stopwatch.GetTimestamp();
        var first = _first == 0 ? _started : _first;
        return new PhaseResult(engine, events,
            System.Diagnostics.Stopwatch.GetElapsedTime(_started, first), System.Diagnostics.Stopwatch.GetElapsedTime(first, done),
            ProcessCounters.Now().Since(_counters), Support.ThreadCpu.Between(_threads, Support.ThreadCpu.Snapshot()), _load);
    }
}
