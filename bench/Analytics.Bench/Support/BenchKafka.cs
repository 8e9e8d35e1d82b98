using System.Diagnostics;
using System.Text;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Streaming.Kafka;
using Confluent.Kafka;

namespace Analytics.Bench.Support;

/// <summary>Writing a log to a topic of the embedded broker exactly as ingestion does, and checking the broker kept it.</summary>
internal static class BenchKafka
{
    public static long NowMicros() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// The ingestion endpoint's producer (acks all, idempotent, Java partitioner on key <c>site/visitor</c>), with each
    /// event stamped with the time it was sent, as ingestion stamps the time it accepted it. Returns events/s.
    /// </summary>
    public static double Produce(string bootstrap, string topic, IEnumerable<AnalyticsEvent> events, string compression)
    {
        var options = new KafkaStreamOptions { BootstrapServers = bootstrap, Compression = compression, DeliveryTimeout = TimeSpan.FromMinutes(5) };
        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfig.Producer(options)).Build();
        long failed = 0, sent = 0;
        var clock = Stopwatch.StartNew();
        foreach (var e in events)
        {
            var stamped = e with { IngestedAtMicros = NowMicros() };
            ProduceWaiting(producer, topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(stamped.PartitionKey), Value = EventWireFormat.Encode(stamped) },
                report => { if (report.Error.IsError) Interlocked.Increment(ref failed); });
            sent++;
        }
        producer.Flush(TimeSpan.FromMinutes(5));
        if (failed > 0) throw new InvalidOperationException($"{failed} of {sent} events were not acknowledged by the broker.");
        return sent / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Produces, waiting for room when librdkafka's local queue is full instead of failing.</summary>
    public static void ProduceWaiting(IProducer<byte[], byte[]> producer, string topic, Message<byte[], byte[]> message, Action<DeliveryReport<byte[], byte[]>> onDelivery)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == Confluent.Kafka.ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    /// <summary>
    /// Checks the topic holds every record from offset 0: the embedded broker keeps about 5 MiB per partition
    /// and silently drops older data, which would make every later number wrong.
    /// </summary>
    public static void CheckComplete(string bootstrap, string topic, int partitions, long expected)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "bench-check" }).Build();
        long total = 0;
        for (var p = 0; p < partitions; p++)
        {
            var w = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10));
            if (w.Low.Value != 0)
                throw new InvalidOperationException($"Partition {p} of {topic} lost its first {w.Low.Value} records to the embedded broker's retention (~5 MiB per partition): use fewer events, more partitions or stronger compression.");
            total += w.High.Value;
        }
        if (total != expected) throw new InvalidOperationException($"{topic} holds {total} records, expected {expected}.");
    }
}
