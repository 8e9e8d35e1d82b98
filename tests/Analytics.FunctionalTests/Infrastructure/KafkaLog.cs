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
    public static HashSet<(string Site, string Visitor, string Id)> DistinctEvents(string topic, int partitions) =>
        [.. TopicLog.ReadAll(topic, partitions).Select(e => (e.Site, e.Visitor, e.Id))];
}
