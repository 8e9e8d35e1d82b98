using Analytics.LoadGenerator.Metrics;

namespace Analytics.LoadGenerator.Running;

/// <summary>
/// Accepted is not yet applied: after the last send, the grid still moves events from Kafka into grains. The
/// latency of those events belongs to the run, so the final scrape waits until the histogram has counted as
/// many events as were accepted, or stops growing, or the timeout passes.
/// </summary>
public static class GridDrain
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    // Two unchanged polls in a row: a grid that stalls for half a second is not taken for finished.
    private const int QuietPolls = 2;

    public static async Task<LatencyScrape> WaitAsync(LatencyProbe probe, LatencyScrape before, long expected, TimeSpan timeout, TimeProvider time)
    {
        var started = time.GetTimestamp();
        var last = await probe.ScrapeAsync(CancellationToken.None);
        if (before.Problem is not null) return last;
        var quiet = 0;
        while (last.Problem is null && last.Count - before.Count < expected && quiet < QuietPolls
               && time.GetElapsedTime(started) + PollInterval <= timeout)
        {
            await Task.Delay(PollInterval, time);
            var next = await probe.ScrapeAsync(CancellationToken.None);
            quiet = next.Count == last.Count && next.Count > before.Count ? quiet + 1 : 0;
            last = next;
        }
        return last;
    }
}
