namespace Analytics.Streaming.Kafka.EventTime;

/// <summary>
/// Every event-time formula of the contract (METRICS.md §2), once. Times are Unix epoch milliseconds;
/// <see cref="None"/> stands for "no time yet" (no record read, no watermark adopted) and is never shifted.
/// <para>
/// Names: a partition's <em>partition time</em> is the largest event time among its records so far, each capped at the
/// time the API accepted it; its <em>watermark</em> is that minus <see cref="MaxOutOfOrdernessMs"/>. The grid's watermark
/// is built from the partitions' (see <see cref="GridWatermark"/>); a consumer <em>adopts</em> it at its checkpoints.
/// </para>
/// </summary>
/// <param name="MaxOutOfOrdernessMs">How far behind its partition's newest an event may be and still never be late by rule (a).</param>
/// <param name="AllowedLatenessMs">How long after the watermark passes a window's end the window stays open.</param>
public sealed record EventTimeRules(long MaxOutOfOrdernessMs, long AllowedLatenessMs)
{
    public const long None = long.MinValue;

    /// <summary>What a record's event time adds to its partition's time: its <c>ts</c>, capped at when the API accepted it,
    /// so that one client clock running ahead cannot drag its partition forward. Records that carry no acceptance time
    /// (written to Kafka by other producers) count with their <c>ts</c>.</summary>
    public static long PartitionTimeOf(long eventTime, long acceptedAtMs) =>
        acceptedAtMs > 0 ? Math.Min(eventTime, acceptedAtMs) : eventTime;

    /// <summary>The partition time after one more record.</summary>
    public static long Advance(long partitionTime, long recordPartitionTime) => Math.Max(partitionTime, recordPartitionTime);

    /// <summary>A partition's watermark, given its partition time.</summary>
    public long WatermarkOf(long partitionTime) => partitionTime == None ? None : partitionTime - MaxOutOfOrdernessMs;

    /// <summary>
    /// The event time below which an event is late: its <c>ts</c> + allowed lateness is below the larger of (a) its partition's
    /// watermark just before it and (b) the grid watermark its consumer adopted (<see cref="None"/> before the first adoption).
    /// </summary>
    public long LateBefore(long partitionTimeBefore, long adoptedWatermark)
    {
        var watermark = Math.Max(WatermarkOf(partitionTimeBefore), adoptedWatermark);
        return watermark == None ? None : watermark - AllowedLatenessMs;
    }

    public bool IsLate(long eventTime, long partitionTimeBefore, long adoptedWatermark) =>
        eventTime < LateBefore(partitionTimeBefore, adoptedWatermark);

    /// <summary>A window (or anything that closes at <paramref name="closesAt"/>) is final once the final watermark is at or past its close + allowed lateness.</summary>
    public bool IsFinal(long closesAt, long finalWatermark) =>
        finalWatermark != None && closesAt + AllowedLatenessMs <= finalWatermark;

    /// <summary>
    /// The grid watermark a consumer may adopt at a checkpoint. It never goes back. While the consumer's partition is read and
    /// not idle, it is at most the partition's own watermark at a point every later record of the consumer comes after (its
    /// own applied position, or the partition's resume point): then rule (b) is never stricter than rule (a) for those records,
    /// and a log read at any speed is judged the same. Only the consumer of an idle partition, once it saved every record
    /// handed on, takes up the grid's watermark as it is, so that a quiet partition neither holds the grid back nor lets a
    /// later record into a window the grid closed.
    /// </summary>
    /// <param name="adopted">What the consumer adopted so far.</param>
    /// <param name="partition">The coordinator's word on the consumer's partition.</param>
    /// <param name="ownPartitionTime">The partition time through the consumer's last applied record.</param>
    public long Adoptable(long adopted, PartitionWatermark partition, long ownPartitionTime) =>
        Math.Max(adopted, Math.Max(partition.Adoptable, Math.Min(partition.Grid, WatermarkOf(ownPartitionTime))));
}
