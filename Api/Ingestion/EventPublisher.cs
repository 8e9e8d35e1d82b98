using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Streaming.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Ingestion;

/// <summary>
/// Writes accepted events to Kafka and reports which ones Kafka acknowledged: with acks from all in-sync
/// replicas and an idempotent producer, an acknowledged event is durable and in order for its visitor.
/// </summary>
public sealed partial class EventPublisher(IOptions<KafkaStreamOptions> options, ILogger<EventPublisher> logger) : IDisposable
{
    private readonly KafkaStreamOptions _options = options.Value;
    private readonly Lazy<IProducer<string, byte[]>> _producer = new(() =>
        new ProducerBuilder<string, byte[]>(KafkaClientConfig.Producer(options.Value))
            .SetErrorHandler((_, e) => LogKafkaError(logger, e.Code, e.Reason))
            .Build());

    /// <summary>The outcome of a batch: the indexes of the events Kafka did not take, and why.</summary>
    public sealed record Outcome(IReadOnlyList<int> Failed, string? Reason)
    {
        public bool AllDurable => Failed.Count == 0;
    }

    public async Task<Outcome> PublishAsync(IReadOnlyList<AnalyticsEvent> events)
    {
        var deliveries = new Task[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            try
            {
                deliveries[i] = _producer.Value.ProduceAsync(_options.Topic, new Message<string, byte[]>
                {
                    Key = events[i].PartitionKey,
                    Value = EventWireFormat.Encode(events[i]),
                });
            }
            catch (KafkaException e)
            {
                // The producer refused at once (for example its queue is full): fail this event, keep the others.
                deliveries[i] = Task.FromException(e);
            }
        }
        try
        {
            await Task.WhenAll(deliveries);
            return new Outcome([], null);
        }
        catch
        {
            var failed = Enumerable.Range(0, events.Count).Where(i => !deliveries[i].IsCompletedSuccessfully).ToList();
            var reason = deliveries.Select(d => d.Exception?.InnerException).OfType<KafkaException>().FirstOrDefault()?.Error.Reason;
            LogPublishFailed(logger, failed.Count, events.Count, reason);
            return new Outcome(failed, reason ?? "Kafka did not acknowledge the events");
        }
    }

    public void Dispose()
    {
        if (!_producer.IsValueCreated) return;
        _producer.Value.Flush(TimeSpan.FromSeconds(5));
        _producer.Value.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer: {Code} {Reason}")]
    private static partial void LogKafkaError(ILogger logger, Confluent.Kafka.ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka did not take {Failed} of {Total} events: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, int failed, int total, string? reason);
}
