using Analytics.Streaming.Kafka.Embedded;

namespace Analytics.Testing;

/// <summary>
/// One embedded broker for the whole test run, like a Kafka cluster a team shares: each test makes its own
/// topics on it. It must be process-wide: silos of a TestCluster have separate service containers.
/// </summary>
public static class SharedKafka
{
    private static readonly Lazy<EmbeddedKafka> Instance = new(() => EmbeddedKafka.Start());

    public static EmbeddedKafka Broker => Instance.Value;

    /// <summary>Creates a fresh topic (with its dead-letter and late-events topics) and returns its name.</summary>
    public static string NewTopic(int partitions)
    {
        var topic = $"events-{Guid.NewGuid():N}";
        Broker.CreateTopic(topic, partitions);
        Broker.CreateTopic($"{topic}.dead-letters", 1);
        Broker.CreateTopic($"{topic}.late", partitions);
        return topic;
    }
}
