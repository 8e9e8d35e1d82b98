using System.Diagnostics;

namespace Analytics.Bench.Wire;

/// <summary>
/// The time and allocations of one codec operation over a set of inputs: one warm-up pass (JIT, tiering),
/// then several timed passes; the median pass counts. Allocations are this thread's, so other threads'
/// garbage does not blur them.
/// </summary>
internal static class CodecCost
{
    public sealed record Result(double NsPerEvent, double BytesAllocatedPerEvent);

    public static Result Measure<TIn>(IReadOnlyList<TIn> inputs, Func<TIn, int> operation, int passes)
    {
        long sink = 0;
        for (var i = 0; i < inputs.Count; i++) sink += operation(inputs[i]);
        var times = new List<double>(passes);
        long allocated = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < inputs.Count; i++) sink += operation(inputs[i]);
            times.Add(clock.Elapsed.TotalNanoseconds / inputs.Count);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // The sink keeps the JIT from dropping the work as unused.
        if (sink == long.MinValue) Console.WriteLine(sink);
        times.Sort();
        return new Result(times[times.Count / 2], (double)allocated / inputs.Count);
    }
}
