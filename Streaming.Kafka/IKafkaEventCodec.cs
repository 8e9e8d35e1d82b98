namespace Analytics.Streaming.Kafka;

/// <summary>
/// Turns Kafka records into stream items and back. The provider needs an item's event time for
/// watermarks; everything else about the item is the application's.
/// </summary>
public interface IKafkaEventCodec<T>
{
    /// <summary>Decodes a record's value.</summary>
    /// <exception cref="FormatException">The record is poison; the message says why, and it goes to the dead-letter topic.</exception>
    T Decode(ReadOnlySpan<byte> value);

    /// <summary>
    /// What an item adds to its partition's time, for watermarks (Unix epoch milliseconds): its event time, capped at when it
    /// was accepted where that is known (see <see cref="EventTime.EventTimeRules.PartitionTimeOf"/>).
    /// </summary>
    long PartitionTimeOf(T item);

    /// <summary>The record key: it chooses the partition and the stream within it.</summary>
    byte[] EncodeKey(T item);

    byte[] EncodeValue(T item);
}
