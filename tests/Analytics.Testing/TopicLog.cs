using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Confluent.Kafka;

namespace Analytics.Testing;

/// <summary>Reads back every event a topic holds: the log the grid's answers are checked against.</summary>
public static class TopicLog
{
    public static List<AnalyticsEvent> ReadAll(string topic, int partitions) =>
        [.. ReadRecords(topic, partitions).Select(record => EventWireFormat.Decode(record.Value))];

    /// <summary>Every record of the topic as the broker holds it, key and value, partition by partition.</summary>
    public static List<(byte[] Key, byte[] Value)> ReadRecords(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = SharedKafka.Broker.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        var records = new List<(byte[] Key, byte[] Value)>();
        for (var p = 0; p < partitions; p++)
        {
            var tp = new TopicPartition(topic, p);
            var (low, high) = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)) switch { var w => (w.Low.Value, w.High.Value) };
            if (high <= low) continue;
            consumer.Assign(new TopicPartitionOffset(tp, low));
            for (var next = low; next < high;)
            {
                var record = consumer.Consume(TimeSpan.FromSeconds(5)) ?? throw new TimeoutException($"partition {p} stopped at {next} before {high}");
                records.Add((record.Message.Key ?? [], record.Message.Value));
                next = record.Offset.Value + 1;
            }
        }
        return records;
    }

    /// <summary>Each partition's end offset, as the broker answers now.</summary>
    public static long[] EndOffsets(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = SharedKafka.Broker.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
        }).Build();
        return [.. Enumerable.Range(0, partitions).Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(5)).High.Value)];
    }

    /// <summary>The events that count once: a re-sent id of the same visitor is the same event.</summary>
    public static List<AnalyticsEvent> Distinct(IEnumerable<AnalyticsEvent> events) =>
        [.. events.GroupBy(e => (e.Site, e.Visitor, e.Id)).Select(g => g.First())];
}
