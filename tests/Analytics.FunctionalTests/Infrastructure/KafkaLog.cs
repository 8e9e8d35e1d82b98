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
    private const int MaxInFlight = 50_000;

    public static async Task ProduceAsync(string topic, IEnumerable<AnalyticsEvent> events)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfig.Producer(new KafkaStreamOptions { BootstrapServers = SharedKafka.Broker.BootstrapServers })).Build();
        var deliveries = new List<Task>();
        foreach (var e in events)
        {
            // librdkafka refuses more than 100,000 records in flight ("Local: Queue full"): let a log larger than
            // that drain as it goes, as a real producer's callers do.
            if (deliveries.Count == MaxInFlight)
            {
                await Task.WhenAll(deliveries);
                deliveries.Clear();
            }
            var stamped = e with { IngestedAtMicros = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond };
            deliveries.Add(producer.ProduceAsync(topic, new Message<byte[], byte[]>
            {
                Key = Encoding.UTF8.GetBytes(stamped.PartitionKey),
                Value = EventWireFormat.Encode(stamped),
            }));
        }
        await Task.WhenAll(deliveries);
    }

    /// <summary>
    /// The distinct events a topic holds (by site, visitor and id). The late-events topic is written at least once:
    /// a checkpoint whose write failed part-way writes its late events again, so copies are possible there.
    /// </summary>
    public static HashSet<(string Site, string Visitor, string Id)> DistinctEvents(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = SharedKafka.Broker.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        var events = new HashSet<(string, string, string)>();
        for (var p = 0; p < partitions; p++)
        {
            var partition = new TopicPartition(topic, p);
            var watermarks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5));
            if (watermarks.High.Value <= watermarks.Low.Value) continue;
            consumer.Assign(new TopicPartitionOffset(partition, watermarks.Low));
            for (var next = watermarks.Low.Value; next < watermarks.High.Value;)
            {
                var record = consumer.Consume(TimeSpan.FromSeconds(5)) ?? throw new TimeoutException($"{topic}/{p} stopped at {next}");
                var e = EventWireFormat.Decode(record.Message.Value);
                events.Add((e.Site, e.Visitor, e.Id));
                next = record.Offset.Value + 1;
            }
        }
        return events;
    }
}
