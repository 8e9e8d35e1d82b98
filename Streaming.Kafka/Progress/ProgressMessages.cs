namespace Analytics.Streaming.Kafka.Progress;

/// <summary>What a silo's receiver says of its partition at each progress exchange.</summary>
/// <param name="Incarnation">Changes whenever the receiver is re-created: once a receiver released its partition, its reports are ignored.</param>
/// <param name="Position">The next offset the receiver will hand on.</param>
/// <param name="PartitionTime">The largest event time handed on so far (ms), or <see cref="long.MinValue"/>.</param>
/// <param name="Idle">Caught up with the partition and no record for the idle timeout (or none yet).</param>
/// <param name="HighWatermark">The partition's end offset as last seen, for lag; -1 when unknown.</param>
/// <param name="LastHanded">Per stream of the partition: the last offset handed to it, -1 for none.</param>
/// <param name="Resume">The earliest offset from which a restart loses nothing, with the partition time before it.</param>
/// <param name="RewindDone">The id of the last rewind the receiver carried out.</param>
/// <param name="Floor">Where this receiver started reading.</param>
/// <param name="Released">The receiver's last report: it no longer reads the partition, which is unread (never idle) until another reports.</param>
[GenerateSerializer, Immutable]
public sealed record PartitionReport(
    [property: Id(0)] int Partition,
    [property: Id(1)] Guid Incarnation,
    [property: Id(2)] long Position,
    [property: Id(3)] long PartitionTime,
    [property: Id(4)] bool Idle,
    [property: Id(5)] long HighWatermark,
    [property: Id(6)] long[] LastHanded,
    [property: Id(7)] ResumePoint Resume,
    [property: Id(8)] long RewindDone,
    [property: Id(9)] ResumePoint Floor,
    [property: Id(10)] bool Released = false);

/// <summary>What a silo learns at each exchange.</summary>
/// <param name="Watermark">The grid's watermark: the smallest of the partitions' that are not idle.</param>
/// <param name="FinalWatermark">The watermark every live consumer has adopted and saved: windows ending at or before it never change.</param>
/// <param name="Partitions">An answer for each partition the silo reported.</param>
/// <param name="Watermarks">For every partition (by number), what its consumers may adopt.</param>
[GenerateSerializer, Immutable]
public sealed record ProgressView(
    [property: Id(0)] long Watermark,
    [property: Id(1)] long FinalWatermark,
    [property: Id(2)] PartitionView[] Partitions,
    [property: Id(3)] EventTime.PartitionWatermark[] Watermarks);

/// <param name="Durable">The durable resume point: a restart reads from here, and it is what the receiver commits to Kafka.</param>
/// <param name="Checkpoints">Per stream of the partition: the point before which its consumer has saved every record.</param>
/// <param name="Rewind">A rewind to carry out when its id is newer than the receiver's last.</param>
[GenerateSerializer, Immutable]
public sealed record PartitionView(
    [property: Id(0)] int Partition,
    [property: Id(1)] ResumePoint Durable,
    [property: Id(2)] ResumePoint[] Checkpoints,
    [property: Id(3)] RewindRequest? Rewind);

[GenerateSerializer, Immutable]
public sealed record RewindRequest([property: Id(0)] long Id, [property: Id(1)] ResumePoint To);

/// <summary>A consumer's report after it saved its state.</summary>
[GenerateSerializer, Immutable]
public sealed record ConsumerCheckpoint(
    [property: Id(0)] string StreamKey,
    [property: Id(1)] long LastOffset,
    [property: Id(2)] long PartitionTime,
    [property: Id(3)] long AdoptedWatermark)
{
    /// <summary>Where this consumer's records resume: after its last saved one, with the partition time before it.</summary>
    public ResumePoint ResumePoint => new(LastOffset + 1, PartitionTime);
}

/// <summary>The progress of the whole provider, for dashboards and tests.</summary>
/// <param name="Durable">Per partition, the durable resume point.</param>
/// <param name="Started">Per partition, where its current receiver started reading (null before one reported).</param>
[GenerateSerializer, Immutable]
public sealed record ProviderProgress(
    [property: Id(0)] long Watermark,
    [property: Id(1)] long FinalWatermark,
    [property: Id(2)] long Lag,
    [property: Id(3)] int Consumers,
    [property: Id(4)] ResumePoint[] Durable,
    [property: Id(5)] ResumePoint?[] Started);
