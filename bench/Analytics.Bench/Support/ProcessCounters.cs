using System.Diagnostics;

namespace Analytics.Bench.Support;

/// <summary>
/// What the process spent between two moments, as dotnet-counters would show it: CPU time, GC collections and
/// pause time, allocation volume, lock contention and thread-pool work. <see cref="ThreadCpu"/> says which
/// threads the CPU went to.
/// </summary>
internal sealed record ProcessCounters(
    TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan GcPause, long Allocated, long LockContentions, long ThreadPoolItems, long WorkingSet)
{
    public static ProcessCounters Now()
    {
        using var process = Process.GetCurrentProcess();
        return new(
            process.TotalProcessorTime,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            GC.GetTotalPauseDuration(),
            GC.GetTotalAllocatedBytes(),
            Monitor.LockContentionCount,
            ThreadPool.CompletedWorkItemCount,
            process.WorkingSet64);
    }

    /// <summary>The difference from an earlier snapshot; the working set is this snapshot's.</summary>
    public ProcessCounters Since(ProcessCounters start) => new(
        Cpu - start.Cpu, Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, GcPause - start.GcPause,
        Allocated - start.Allocated, LockContentions - start.LockContentions, ThreadPoolItems - start.ThreadPoolItems, WorkingSet);

    /// <summary>One line per counter for a table, with per-event figures where they make sense.</summary>
    public IEnumerable<string[]> Rows(TimeSpan wall, long events) =>
    [
        ["CPU time", $"{Cpu.TotalSeconds:F1} s = {Cpu / wall:F2} cores of {Environment.ProcessorCount}", $"{Cpu.TotalMicroseconds * 1000 / Math.Max(1, events):F0} ns/event"],
        ["GC collections gen0/gen1/gen2", $"{Gen0} / {Gen1} / {Gen2}", ""],
        ["GC pause time", $"{GcPause.TotalMilliseconds:F0} ms = {GcPause / wall:P1} of wall time", ""],
        ["allocated", $"{Allocated / 1048576.0:F0} MiB", $"{(double)Allocated / Math.Max(1, events):F0} B/event"],
        ["lock contentions", Tables.Number(LockContentions), ""],
        ["thread-pool work items", Tables.Number(ThreadPoolItems), $"{(double)ThreadPoolItems / Math.Max(1, events):F2}/event"],
        ["working set at end", $"{WorkingSet / 1048576.0:F0} MiB", ""],
    ];
}
