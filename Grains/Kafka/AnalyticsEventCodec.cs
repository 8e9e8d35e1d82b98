using System.Text;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Streaming.Kafka;
using Analytics.Streaming.Kafka.EventTime;

namespace Analytics.Grains.Kafka;

/// <summary>How the grid's events travel on Kafka: keyed by site and visitor, valued in the compact wire format.</summary>
public sealed class AnalyticsEventCodec : IKafkaEventCodec<AnalyticsEvent>
{
    public AnalyticsEvent Decode(ReadOnlySpan<byte> value) => EventWireFormat.Decode(value);

    public long PartitionTimeOf(AnalyticsEvent item) => EventTimeRules.PartitionTimeOf(item.Timestamp, item.IngestedAtMicros / 1000);

    public byte[] EncodeKey(AnalyticsEvent item) => Encoding.UTF8.GetBytes(item.PartitionKey);

    public byte[] EncodeValue(AnalyticsEvent item) => EventWireFormat.Encode(item);
}
