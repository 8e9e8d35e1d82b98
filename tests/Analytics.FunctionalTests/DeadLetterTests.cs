using Analytics.Testing;
using System.Text;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Streaming.Kafka;
using Confluent.Kafka;

namespace Analytics.FunctionalTests;

/// <summary>A record that cannot be decoded goes to the dead-letter topic with its reason; its partition keeps flowing.</summary>
public sealed class DeadLetterTests
{
    [Fact]
    public async Task A_poison_record_lands_in_the_dead_letter_topic_and_its_partition_keeps_flowing()
    {
        await using var grid = await GridHost.StartAsync();
        const string Site = "poison.example.com";
        var key = $"{Site}/visitor-1";
        using var producer = new ProducerBuilder<string, byte[]>(KafkaClientConfig.Producer(new KafkaStreamOptions { BootstrapServers = SharedKafka.Broker.BootstrapServers })).Build();

        // Same key as the events that follow: same partition, same stream, right before them.
        var poison = await producer.ProduceAsync(grid.Topic, new Message<string, byte[]> { Key = key, Value = Encoding.UTF8.GetBytes("not an event") });
        for (var i = 0; i < 20; i++) await grid.Http.PostAsync(TestEvents.PageView($"after-{i}", Site, "visitor-1"));

        var counts = await Eventually.Get(() => grid.Http.SiteCountsAsync(), c => c.GetValueOrDefault(Site) == 20, TimeSpan.FromSeconds(60), "the events after the poison record");
        Assert.Equal(20, counts[Site]);

        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = SharedKafka.Broker.BootstrapServers,
            GroupId = $"dead-letter-reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(new TopicPartitionOffset($"{grid.Topic}.dead-letters", 0, 0));
        var dead = consumer.Consume(TimeSpan.FromSeconds(10));

        Assert.NotNull(dead);
        Assert.Equal("not an event", Encoding.UTF8.GetString(dead.Message.Value));
        Assert.Equal(key, dead.Message.Key);
        Assert.Contains("unknown wire format version", Encoding.UTF8.GetString(dead.Message.Headers.GetLastBytes("dead-letter-reason")));
        Assert.Equal($"{grid.Topic}/{poison.Partition.Value}/{poison.Offset.Value}", Encoding.UTF8.GetString(dead.Message.Headers.GetLastBytes("dead-letter-origin")));
    }
}
