using Orleans.Runtime;

namespace Analytics.Streaming.Kafka;

/// <summary>
/// Names of the streams a provider delivers to: records of partition <c>p</c> go to one of
/// <see cref="KafkaStreamOptions.StreamsPerPartition"/> streams, <c>"{p}-{s}"</c>, chosen by a hash of
/// the record key, so one key always reaches the same consumer grain.
/// </summary>
public static class StreamKeys
{
    public static string Of(int partition, int stream) => $"{partition}-{stream}";

    public static StreamId StreamId(string @namespace, int partition, int stream) =>
        Orleans.Runtime.StreamId.Create(@namespace, Of(partition, stream));

    public static (int Partition, int Stream) Parse(string key)
    {
        var dash = key.IndexOf('-');
        if (dash <= 0 || !int.TryParse(key.AsSpan(0, dash), out var partition) || !int.TryParse(key.AsSpan(dash + 1), out var stream))
            throw new FormatException($"'{key}' is not a Kafka stream key (partition-stream)");
        return (partition, stream);
    }

    /// <summary>The stream of a key within its partition: FNV-1a of the key bytes, independent of Kafka's partitioner.</summary>
    public static int StreamOf(ReadOnlySpan<byte> key, int streamsPerPartition)
    {
        var hash = 2166136261u;
        foreach (var b in key) hash = (hash ^ b) * 16777619u;
        return (int)(hash % (uint)streamsPerPartition);
    }
}
