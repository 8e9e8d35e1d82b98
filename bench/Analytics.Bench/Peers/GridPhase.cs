using Analytics.Bench.Support;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;

namespace Analytics.Bench.Peers;

/// <summary>
/// This grid, end to end: a silo in this process reads the topic from the start, and the run is done when the
/// whole-grid reducer (<c>ISiteGrain("*")</c>) counts every event. The first record applied to a shard marks the
/// moment it started reading; every latency the shards record on the way is kept.
/// </summary>
internal static class GridPhase
{
    public sealed record Outcome(PhaseResult Result, TimeSpan AppliedAt, LatencySummary Latency, GridSilo Silo);

    public const string Name = "this grid";

    public static string NameOf(StorageFormat storage) => storage == StorageFormat.Binary
        ? $"{Name} (1 silo, memory storage, binary state)"
        : $"{Name} (1 silo, storage as the silo host wires it without PostgreSQL)";

    /// <summary>Runs the grid over the log; the caller checks its windows, then disposes the silo.</summary>
    public static async Task<Outcome> RunAsync(
        string bootstrap, string topic, int partitions, long events, StorageFormat storage, TimeSpan timeout, IDictionary<string, string?> overrides)
    {
        using var listener = new PipelineListener();
        var clock = new PhaseClock();
        var silo = await GridSilo.StartAsync(bootstrap, topic, partitions, storage, overrides);
        var deadline = DateTime.UtcNow + timeout;
        var all = silo.Grains.GetGrain<ISiteGrain>(SiteName.All);
        while (await all.GetEventCount() != events)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The grid counted {await all.GetEventCount()} of {events} events ({listener.Applied} applied to shards) after {timeout}.");
            await Task.Delay(20);
        }
        clock.FirstAt(listener.FirstAppliedAt);
        var result = clock.Done(NameOf(storage), events);
        var appliedAt = System.Diagnostics.Stopwatch.GetElapsedTime(listener.FirstAppliedAt, listener.LastAppliedAt);
        return new Outcome(result, appliedAt, listener.Latency.Summary(), silo);
    }
}
