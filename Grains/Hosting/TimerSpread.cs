namespace Analytics.Grains.Hosting;

/// <summary>
/// First due times spread over a timer's period. Grains that activate together (every shard when a silo
/// starts reading) would otherwise all save at the same moment, every period: one burst of serialization
/// and of writes to the storage instead of the same work spread over the period.
/// </summary>
internal static class TimerSpread
{
    /// <summary>A random first due time in (0, <paramref name="period"/>], then every period.</summary>
    public static GrainTimerCreationOptions Every(TimeSpan period, bool keepAlive) =>
        new(TimeSpan.FromTicks(1 + Random.Shared.NextInt64(period.Ticks)), period) { Interleave = false, KeepAlive = keepAlive };
}
