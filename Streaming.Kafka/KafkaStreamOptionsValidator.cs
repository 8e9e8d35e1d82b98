using Orleans;
using Orleans.Runtime;

namespace Analytics.Streaming.Kafka;

/// <summary>Checks a provider's settings at start-up and names the one that is wrong.</summary>
internal sealed class KafkaStreamOptionsValidator(KafkaStreamOptions options, string name) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        // First: a wrong connection string leaves BootstrapServers empty, and the message must name the setting at fault.
        foreach (var (setting, rule) in EventHubsPreset.Problems(options)) Require(false, setting, rule);
        Require(!string.IsNullOrWhiteSpace(options.BootstrapServers), nameof(options.BootstrapServers), "must name at least one broker (host:port)");
        Require(!string.IsNullOrWhiteSpace(options.Topic), nameof(options.Topic), "must not be empty");
        Require(options.Partitions is >= 1 and <= 10_000, nameof(options.Partitions), "must be between 1 and 10000");
        Require(!string.IsNullOrWhiteSpace(options.StreamNamespace), nameof(options.StreamNamespace), "must not be empty");
        Require(options.StreamsPerPartition is >= 1 and <= 1024, nameof(options.StreamsPerPartition), "must be between 1 and 1024");
        Require(!string.IsNullOrWhiteSpace(options.ConsumerGroup), nameof(options.ConsumerGroup), "must not be empty");
        Require(options.DeadLetterTopicName != options.Topic, nameof(options.DeadLetterTopic), "must differ from Topic");
        Require(options.FetchWaitMaxMs is >= 0 and <= 10_000, nameof(options.FetchWaitMaxMs), "must be between 0 and 10000");
        Require(options.PullPeriod > TimeSpan.Zero, nameof(options.PullPeriod), "must be positive");
        Require(options.MaxRecordsPerPull >= 1, nameof(options.MaxRecordsPerPull), "must be at least 1");
        Require(options.PartitionBufferRecords >= options.MaxRecordsPerPull, nameof(options.PartitionBufferRecords), "must be at least MaxRecordsPerPull");
        Require(options.ProgressInterval > TimeSpan.Zero, nameof(options.ProgressInterval), "must be positive");
        Require(options.CommitInterval >= options.ProgressInterval, nameof(options.CommitInterval), "must be at least ProgressInterval");
        Require(options.MaxOutOfOrderness >= TimeSpan.Zero, nameof(options.MaxOutOfOrderness), "must not be negative");
        Require(options.IdleTimeout > TimeSpan.Zero, nameof(options.IdleTimeout), "must be positive");
        Require(options.LingerMs is >= 0 and <= 900_000, nameof(options.LingerMs), "must be between 0 and 900000");
        Require(options.BatchSize >= 1, nameof(options.BatchSize), "must be at least 1");
        Require(options.Compression is "none" or "gzip" or "snappy" or "lz4" or "zstd", nameof(options.Compression), "must be none, gzip, snappy, lz4 or zstd");
        Require(options.DeliveryTimeout >= TimeSpan.FromMilliseconds(100), nameof(options.DeliveryTimeout), "must be at least 100 ms");
        Require(options.ConsumerTimeout >= options.CommitInterval, nameof(options.ConsumerTimeout), "must be at least CommitInterval");
        Require(options.StallTimeout >= TimeSpan.FromSeconds(1), nameof(options.StallTimeout), "must be at least 1 s");
        Require(!string.IsNullOrWhiteSpace(options.ProgressStorage), nameof(options.ProgressStorage), "must name a grain storage");
    }

    private void Require(bool condition, string setting, string rule)
    {
        if (!condition)
            throw new OrleansConfigurationException($"Kafka stream provider '{name}': {setting} {rule}.");
    }
}
