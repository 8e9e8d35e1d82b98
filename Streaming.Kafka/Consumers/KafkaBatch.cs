namespace Analytics.Streaming.Kafka.Consumers;

/// <summary>
/// What a consumer grain receives: the records one pull read for its stream, in partition order.
/// A grain gets many records in one call; that is where the provider's throughput comes from.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class KafkaBatch<T>
{
    /// <summary>The Kafka partition the records come from.</summary>
    [Id(0)] public required int Partition { get; init; }

    /// <summary>
    /// The offset of the record this receiver handed to the same stream just before this batch, or -1 when
    /// this batch is the stream's first since the receiver (re)positioned at <see cref="From"/>.
    /// It lets a consumer see records it never applied, whatever lost them.
    /// </summary>
    [Id(1)] public required long PreviousOffset { get; init; }

    /// <summary>The offset the receiver last started reading at; it has handed on every record since.</summary>
    [Id(2)] public required long From { get; init; }

    /// <summary>
    /// Where the receiver started: every stream's records before it are saved in its consumer's checkpoint,
    /// so a consumer with an older checkpoint (or none) has missed nothing before it.
    /// </summary>
    [Id(3)] public required ResumePoint Floor { get; init; }

    [Id(4)] public required KafkaRecord<T>[] Records { get; init; }
}

/// <param name="Offset">The record's offset in its partition.</param>
/// <param name="PartitionTimeBefore">The partition time of the partition's records before this one (ms), or <see cref="long.MinValue"/>: rule (a) judges the record by it.</param>
/// <param name="PartitionTime">The partition time through this record.</param>
[GenerateSerializer, Immutable]
public readonly record struct KafkaRecord<T>(
    [property: Id(0)] long Offset,
    [property: Id(1)] long PartitionTimeBefore,
    [property: Id(3)] long PartitionTime,
    [property: Id(2)] T Item);
