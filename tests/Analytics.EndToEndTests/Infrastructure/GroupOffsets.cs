using Analytics.Testing;
using Confluent.Kafka;

namespace Analytics.EndToEndTests.Infrastructure;

/// <summary>What a consumer group committed on a topic's partitions (where they end: <see cref="TopicLog.EndOffsets"/>).</summary>
public static class GroupOffsets
{
    /// <summary>The grid's consumer group (Kafka:ConsumerGroup's default).</summary>
    public const string GridGroup = "analytics-grid";

    /// <summary>The group's committed offsets; 0 for a partition it never committed.</summary>
    public static long[] Committed(string topic, int partitions, string group = GridGroup)
    {
        // Asking for committed offsets does not join the group, so the grid's own consumers are not disturbed.
        using var consumer = Consumer(group);
        var committed = consumer.Committed(
            [.. Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p))], TimeSpan.FromSeconds(5));
        return [.. committed.OrderBy(c => c.Partition.Value).Select(c => Math.Max(0, c.Offset.Value))];
    }

    private static IConsumer<byte[], byte[]> Consumer(string group) =>
        new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = SharedKafka.Broker.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
}
