namespace Analytics.Streaming.Kafka.Diagnostics;

/// <summary>
/// Counts a provider keeps in this process, for the host's metrics: records sent to the dead-letter topic,
/// and the lag of the partitions this silo reads. A keyed singleton under the provider's name.
/// </summary>
public sealed class KafkaStreamStatistics(string topic)
{
    private long _deadLetters;
    private readonly Dictionary<int, long> _lag = [];

    public string Topic { get; } = topic;

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Records in the partitions this silo reads that are not yet handed to consumers.</summary>
    public long Lag
    {
        get
        {
            lock (_lag) return _lag.Values.Sum();
        }
    }

    /// <summary>Raised for each record sent to the dead-letter topic, so that the host can count it as an error.</summary>
    public event Action? DeadLetterSent;

    internal void DeadLettered()
    {
        Interlocked.Increment(ref _deadLetters);
        DeadLetterSent?.Invoke();
    }

    internal void SetLag(int partition, long lag)
    {
        lock (_lag) _lag[partition] = lag;
    }

    internal void ClearLag(int partition)
    {
        lock (_lag) _lag.Remove(partition);
    }
}
