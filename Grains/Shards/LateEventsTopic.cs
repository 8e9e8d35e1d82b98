using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Streaming.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Options;

namespace Analytics.Grains.Shards;

/// <summary>
/// Keeps late events: they count in no metric, but each is written, unchanged, to the late-events topic
/// (<c>{topic}.late</c>), so that nothing accepted is silently dropped. One producer per silo.
/// </summary>
public sealed class LateEventsTopic(IOptionsMonitor<KafkaStreamOptions> kafka) : IDisposable
{
    private readonly Lazy<IProducer<string, byte[]>> _producer = new(() =>
        new ProducerBuilder<string, byte[]>(KafkaClientConfig.Producer(kafka.Get(GridOptions.StreamProvider))).Build());

    public string Name => NameOf(kafka.Get(GridOptions.StreamProvider).Topic);

    public static string NameOf(string topic) => $"{topic}.late";

    /// <summary>Writes events and waits until Kafka has all of them.</summary>
    public Task WriteAsync(IEnumerable<AnalyticsEvent> events) =>
        Task.WhenAll(events.Select(e => _producer.Value.ProduceAsync(Name, new Message<string, byte[]>
        {
            Key = e.PartitionKey,
            Value = EventWireFormat.Encode(e),
        })));

    public void Dispose()
    {
        if (!_producer.IsValueCreated) return;
        _producer.Value.Flush(TimeSpan.FromSeconds(5));
        _producer.Value.Dispose();
    }
}
