using Analytics.Bench.Support;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Streaming.Kafka;
using Confluent.Kafka;

namespace Analytics.Bench.Peers;

/// <summary>
/// The ceiling: one Confluent consumer with the grid's consumer settings, assigned every partition from the
/// start, decoding each record with <see cref="EventWireFormat"/> on its own thread and doing nothing else.
/// No engine reading this topic through one consumer can be faster on this machine.
/// </summary>
internal static class RawConsumer
{
    public static PhaseResult Run(string bootstrap, string topic, int partitions, long expected, TimeSpan timeout)
    {
        var clock = new PhaseClock();
        var options = new KafkaStreamOptions { BootstrapServers = bootstrap, Topic = topic, ConsumerGroup = "bench-raw" };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfig.Consumer(options)).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var deadline = DateTime.UtcNow + timeout;
        long count = 0;
        while (count < expected)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The raw consumer read {count} of {expected} records in {timeout}.");
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record is null) continue;
            clock.First();
            _ = EventWireFormat.Decode(record.Message.Value);
            count++;
        }
        var result = clock.Done("raw consumer + decode", count);
        consumer.Close();
        return result;
    }
}
