namespace Analytics.Streaming.Kafka.EventTime;

/// <summary>The coordinator's word on one partition, for the consumers of its records.</summary>
/// <param name="Grid">The grid's watermark.</param>
/// <param name="Adoptable">What a consumer of this partition may adopt whatever its own position: the grid's watermark when
/// the partition is idle and its consumers saved every record handed on, else no more than the partition's watermark at its resume point.</param>
[GenerateSerializer, Immutable]
public readonly record struct PartitionWatermark([property: Id(0)] long Grid, [property: Id(1)] long Adoptable)
{
    public static readonly PartitionWatermark None = new(EventTimeRules.None, EventTimeRules.None);
}
