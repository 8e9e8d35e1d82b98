namespace Analytics.Streaming.Kafka.EventTime;

/// <summary>The grid's watermarks, from every partition's status (METRICS.md §2). The coordinator keeps each from going back.</summary>
public static class GridWatermark
{
    /// <summary>
    /// The grid's watermark: the smallest watermark of the partitions that are not idle; when every partition is idle, the
    /// largest of them, so that a quiet grid's last windows still become final.
    /// </summary>
    public static long Of(EventTimeRules rules, IReadOnlyCollection<PartitionStatus> partitions)
    {
        long smallestActive = long.MaxValue, largest = EventTimeRules.None;
        foreach (var p in partitions)
        {
            var watermark = rules.WatermarkOf(p.PartitionTime);
            largest = Math.Max(largest, watermark);
            if (!p.Idle) smallestActive = Math.Min(smallestActive, watermark);
        }
        return smallestActive == long.MaxValue ? largest : smallestActive;
    }

    /// <summary>
    /// The final watermark, past which no record can change a window: at most the grid's watermark, at most what every live
    /// consumer adopted and saved (<paramref name="smallestAdopted"/>), and at most each partition's watermark at its resume
    /// point, so that records in flight (and replays after a crash) hold it back. An idle partition whose records are all saved
    /// holds nothing back: whatever comes to it next is judged by what its consumer adopted.
    /// </summary>
    public static long Final(EventTimeRules rules, long grid, IReadOnlyCollection<PartitionStatus> partitions, long smallestAdopted)
    {
        var final = Math.Min(grid, smallestAdopted);
        foreach (var p in partitions)
        {
            if (!(p.Idle && p.EverythingSaved)) final = Math.Min(final, rules.WatermarkOf(p.ResumePartitionTime));
        }
        return final;
    }

    /// <summary>
    /// What a consumer of the partition may adopt whatever its own position (see <see cref="EventTimeRules.Adoptable"/>): the
    /// grid's watermark once the partition is idle and its consumers saved every record handed on; until then no more than
    /// the partition's watermark at its resume point. An idle reader may have handed on records its consumers have not
    /// applied yet (they wait in the stream's queue): the grid's watermark, far ahead once every partition is idle, would
    /// make them late.
    /// </summary>
    public static PartitionWatermark For(EventTimeRules rules, long grid, PartitionStatus partition) =>
        new(grid, partition.Idle && partition.EverythingSaved ? grid : Math.Min(grid, rules.WatermarkOf(partition.ResumePartitionTime)));
}
