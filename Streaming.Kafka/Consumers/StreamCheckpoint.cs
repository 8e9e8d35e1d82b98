namespace Analytics.Streaming.Kafka.Consumers;

/// <summary>
/// The part of a consumer grain's saved state that belongs to the stream: how far it has applied its
/// partition, and the watermark it judges lateness by. Saving it in the same write as the grain's own
/// state is what makes replays exact: records up to <see cref="LastOffset"/> are skipped, and later
/// ones are judged against the same watermark as the first time.
/// </summary>
[GenerateSerializer]
public sealed class StreamCheckpoint
{
    /// <summary>The last applied offset; -1 before the first record.</summary>
    [Id(0)] public long LastOffset { get; set; } = -1;

    /// <summary>The partition's largest event time through <see cref="LastOffset"/>.</summary>
    [Id(1)] public long PartitionTime { get; set; } = long.MinValue;

    /// <summary>The grid watermark this consumer adopted at its last checkpoint.</summary>
    [Id(2)] public long AdoptedWatermark { get; set; } = long.MinValue;

    /// <summary>Where this consumer's records resume: after its last applied one, with the partition time before it.</summary>
    public ResumePoint ResumePoint => new(LastOffset + 1, PartitionTime);
}
