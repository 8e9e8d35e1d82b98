using Analytics.Grains.Shards;
using Analytics.Streaming.Kafka.Embedded;

namespace Analytics.Bench.Support;

/// <summary>The topics a grid reading <c>topic</c> needs, created as the silo's embedded setup creates them.</summary>
internal static class GridTopics
{
    public static void Create(EmbeddedKafka broker, string topic, int partitions)
    {
        broker.CreateTopic(topic, partitions);
        broker.CreateTopic($"{topic}.dead-letters", 1);
        broker.CreateTopic(LateEventsTopic.NameOf(topic), partitions);
    }
}
