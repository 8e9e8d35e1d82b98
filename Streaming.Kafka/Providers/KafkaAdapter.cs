using Analytics.Streaming.Kafka.Diagnostics;
using Analytics.Streaming.Kafka.Progress;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Analytics.Streaming.Kafka.Providers;

/// <summary>
/// The provider's adapter: receivers for the partitions a silo owns, and producing through Orleans
/// streams. A produced item goes to the topic under its own key, so it reaches the stream its key maps
/// to, whatever stream it was produced on (the same place the ingestion endpoint's records go).
/// </summary>
internal sealed class KafkaAdapter<T>(
    string name,
    KafkaStreamOptions options,
    IKafkaEventCodec<T> codec,
    KafkaClients clients,
    Func<ProgressReporter> reporter,
    KafkaStreamStatistics statistics,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new KafkaReceiver<T>((int)queueId.GetNumericId(), options, codec, clients, reporter(), statistics, loggerFactory);

    public async Task QueueMessageBatchAsync<TItem>(StreamId streamId, IEnumerable<TItem> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null) throw new NotSupportedException("Kafka streams do not take sequence tokens from producers.");
        var deliveries = new List<Task>();
        foreach (var item in events)
        {
            if (item is not T typed)
                throw new ArgumentException($"Stream provider '{name}' carries {typeof(T).Name}, not {typeof(TItem).Name}.", nameof(events));
            deliveries.Add(clients.Producer.ProduceAsync(options.Topic, new Message<byte[], byte[]>
            {
                Key = codec.EncodeKey(typed),
                Value = codec.EncodeValue(typed),
            }));
        }
        await Task.WhenAll(deliveries);
    }
}
