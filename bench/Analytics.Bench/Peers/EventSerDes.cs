using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Confluent.Kafka;
using Streamiz.Kafka.Net.Processors;
using Streamiz.Kafka.Net.SerDes;

namespace Analytics.Bench.Peers;

/// <summary>The peer reads the same records as the grid, decoded by the same codec.</summary>
internal sealed class EventSerDes : AbstractSerDes<AnalyticsEvent>
{
    public override AnalyticsEvent Deserialize(byte[] data, SerializationContext context) => EventWireFormat.Decode(data);

    public override byte[] Serialize(AnalyticsEvent data, SerializationContext context) => EventWireFormat.Encode(data);
}

/// <summary>
/// Event time, as the grid uses it: the event's own timestamp on the input topic. On the repartition topic the
/// value is only the page view's event time, which Streamiz also wrote as the record's timestamp.
/// The first call marks the moment the peer read its first record.
/// </summary>
internal sealed class EventTimeExtractor(string inputTopic, PhaseClock clock) : ITimestampExtractor
{
    public long Extract(ConsumeResult<object, object> record, long partitionTime)
    {
        if (record.Topic == inputTopic) clock.First();
        return record.Message.Value is AnalyticsEvent e ? e.Timestamp : record.Message.Timestamp.UnixTimestampMs;
    }
}
