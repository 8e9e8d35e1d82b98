using Analytics.Bench.Support;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Grains.Shards;
using Analytics.Streaming.Kafka;
using Confluent.Kafka;

namespace Analytics.Bench.Peers;

/// <summary>
/// The grid's work without Orleans: one consumer reads the topic as <see cref="RawConsumer"/> does, and each
/// decoded event goes through the shard's window engine (<see cref="ShardWindows"/>: de-duplication, sessions,
/// presence, every window) of the shard the grid would route it to (partition, then key hash), on one thread.
/// No reducers, no checkpoints, no stream delivery: the gap to the grid is what those cost.
/// </summary>
internal static class EngineOnly
{
    public const string Name = "consume + decode + shard window engine (1 thread, no Orleans)";

    public static PhaseResult Run(string bootstrap, string topic, int partitions, long expected, TimeSpan timeout)
    {
        var clock = new PhaseClock();
        var options = new KafkaStreamOptions { BootstrapServers = bootstrap, Topic = topic, ConsumerGroup = "bench-engine" };
        var shards = new ShardWindows[partitions * options.StreamsPerPartition];
        var sessionGap = (long)TimeSpan.FromMinutes(30).TotalMilliseconds;
        for (var i = 0; i < shards.Length; i++) shards[i] = new ShardWindows(new ShardState(), sessionGap);
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfig.Consumer(options)).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var deadline = DateTime.UtcNow + timeout;
        long count = 0;
        while (count < expected)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The engine read {count} of {expected} records in {timeout}.");
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record is null) continue;
            clock.First();
            var e = EventWireFormat.Decode(record.Message.Value);
            var shard = shards[record.Partition.Value * options.StreamsPerPartition + StreamKeys.StreamOf(record.Message.Key, options.StreamsPerPartition)];
            if (!shard.IsDuplicate(e)) shard.Apply(e);
            count++;
        }
        var result = clock.Done(Name, count);
        consumer.Close();
        GC.KeepAlive(shards);
        return result;
    }
}
