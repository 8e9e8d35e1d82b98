using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Analytics.Streaming.Kafka.Providers;

/// <summary>
/// The Kafka clients of one provider in this process, made on first use and disposed with the host:
/// the shared consumer feed (silos only) and a producer (dead letters, records produced through Orleans).
/// </summary>
internal sealed class KafkaClients(KafkaStreamOptions options, ILoggerFactory loggerFactory, TimeProvider time) : IDisposable
{
    private readonly Lazy<PartitionFeed> _feed = new(() => new PartitionFeed(options, time, loggerFactory.CreateLogger<PartitionFeed>()));
    private readonly Lazy<IProducer<byte[], byte[]>> _producer = new(() => new ProducerBuilder<byte[], byte[]>(KafkaClientConfig.Producer(options)).Build());

    public KafkaStreamOptions Options => options;

    public TimeProvider Time => time;

    public PartitionFeed Feed => _feed.Value;

    public IProducer<byte[], byte[]> Producer => _producer.Value;

    public void Dispose()
    {
        if (_feed.IsValueCreated) _feed.Value.Dispose();
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(5));
            _producer.Value.Dispose();
        }
    }
}
