using Analytics.Testing;
using System.Text;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Streaming.Kafka;
using Confluent.Kafka;

namespace Analytics.FunctionalTests.Infrastructure;

/// <summary>Writes a log of events straight to a topic, keyed and encoded exactly as the ingestion endpoint does.</summary>
public static class KafkaLog
{
    public static async Task ProduceAsync(string topic, IEnumerable<AnalyticsEvent> events)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfig.Producer(new KafkaStreamOptions { BootstrapServers = SharedKafka.Broker.BootstrapServers })).Build();
        var deliveries = new List<Task>();
        foreach (var e in events)
        {
            var stamped = e with { IngestedAtMicros = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond };
            deliveries.Add(producer.ProduceAsync(topic, new Message<byte[], byte[]>
            {
                Key = Encoding.UTF8.GetBytes(stamped.PartitionKey),
                Value = EventWireFormat.Encode(stamped),
            }));
        }
        await Task.WhenAll(deliveries);
    }

    /// <summary>How many records a topic holds over all its partitions.</summary>
    public static long Count(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = SharedKafka.Broker.BootstrapServers, GroupId = "counter" }).Build();
        return Enumerable.Range(0, partitions).Sum(p =>
        {
            var w = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(5));
            return w.High.Value - w.Low.Value;
        });
    }
}
