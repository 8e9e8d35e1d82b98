using Confluent.Kafka;

namespace Analytics.Streaming.Kafka;

/// <summary>The librdkafka settings of every client the grid makes, derived from one <see cref="KafkaStreamOptions"/>.</summary>
public static class KafkaClientConfig
{
    /// <summary>
    /// A durable, ordered producer: acks from all in-sync replicas, idempotence (no duplicates or reordering
    /// on retry), and Kafka's Java partitioner, so that other producers place a key on the same partition.
    /// </summary>
    public static ProducerConfig Producer(KafkaStreamOptions options)
    {
        var config = new ProducerConfig(new Dictionary<string, string>(options.ClientSettings))
        {
            BootstrapServers = options.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = options.LingerMs,
            BatchSize = options.BatchSize,
            CompressionType = Enum.Parse<CompressionType>(options.Compression, ignoreCase: true),
            MessageTimeoutMs = (int)options.DeliveryTimeout.TotalMilliseconds,
            Partitioner = Partitioner.Murmur2Random,
            SocketNagleDisable = true,
        };
        return config;
    }

    /// <summary>
    /// A consumer driven by Orleans' queue balancer: partitions are assigned to it (no group membership),
    /// nothing is committed automatically, and empty fetches return quickly.
    /// </summary>
    public static ConsumerConfig Consumer(KafkaStreamOptions options) => new(new Dictionary<string, string>(options.ClientSettings))
    {
        BootstrapServers = options.BootstrapServers,
        GroupId = options.ConsumerGroup,
        EnableAutoCommit = false,
        EnableAutoOffsetStore = false,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        FetchWaitMaxMs = options.FetchWaitMaxMs,
        SocketNagleDisable = true,
        EnablePartitionEof = false,
    };

    public static AdminClientConfig Admin(KafkaStreamOptions options) => new(new Dictionary<string, string>(options.ClientSettings))
    {
        BootstrapServers = options.BootstrapServers,
    };
}
