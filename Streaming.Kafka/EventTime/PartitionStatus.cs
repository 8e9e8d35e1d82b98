namespace Analytics.Streaming.Kafka.EventTime;

/// <summary>What the grid's watermarks are computed from, per partition.</summary>
/// <param name="PartitionTime">The partition time of every record its reader handed on.</param>
/// <param name="ResumePartitionTime">The partition time before its resume point: the first record some consumer was handed
/// and has not saved (or the reader's position, when every record handed on is saved).</param>
/// <param name="Idle">Its reader is at the end the broker reports and had no record for the idle timeout. Never true for a
/// partition nobody reads (its reader starting, moving, down, or silent).</param>
/// <param name="EverythingSaved">Every record its reader handed on is saved by its consumer.</param>
public readonly record struct PartitionStatus(long PartitionTime, long ResumePartitionTime, bool Idle, bool EverythingSaved);
