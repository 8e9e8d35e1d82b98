using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.LoadGenerator.Sinks;
using Analytics.LoadGenerator.Tests.Infrastructure;
using Analytics.LoadGenerator.Traffic;
using Analytics.Streaming.Kafka;
using Analytics.Streaming.Kafka.Embedded;
using Confluent.Kafka;

namespace Analytics.LoadGenerator.Tests.Sinks;

public class KafkaEventSinkTests
{
    [Fact]
    public async Task Produces_each_event_keyed_by_visitor_in_the_wire_format_with_its_ingestion_time()
    {
        using var broker = EmbeddedKafka.Start();
        broker.CreateTopic("events", 4);
        var options = new KafkaStreamOptions { BootstrapServers = broker.BootstrapServers, Topic = "events" };
        var events = Logs.Of(new TrafficProfile(), 200);
        var before = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;

        await using (var sink = new KafkaEventSink(options, TimeProvider.System, _ => { }))
            Assert.Equal(SendResult.Delivered(200), await sink.SendAsync(events, CancellationToken.None));

        using var consumer = new ConsumerBuilder<string, byte[]>(KafkaClientConfig.Consumer(options)).Build();
        consumer.Assign(Enumerable.Range(0, 4).Select(p => new TopicPartitionOffset("events", p, Offset.Beginning)));
        var received = new List<ConsumeResult<string, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (received.Count < 200 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record) received.Add(record);
        }

        Assert.Equal(200, received.Count);
        var byId = events.ToDictionary(e => e.Id);
        Assert.All(received, record =>
        {
            var e = EventWireFormat.Decode(record.Message.Value);
            Assert.Equal(e.PartitionKey, record.Message.Key);
            Assert.True(e.IngestedAtMicros >= before, "the ingestion time is stamped when sent");
            Assert.Equal(EventWireFormat.Encode(byId[e.Id]), EventWireFormat.Encode(e with { IngestedAtMicros = 0 }));
        });
    }
}
