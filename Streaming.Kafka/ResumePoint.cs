namespace Analytics.Streaming.Kafka;

/// <summary>A position in a partition, with the partition time (largest event time, ms) of the records before it.</summary>
[GenerateSerializer, Immutable]
public readonly record struct ResumePoint([property: Id(0)] long Offset, [property: Id(1)] long PartitionTimeBefore)
{
    public static readonly ResumePoint Start = new(0, long.MinValue);
}
