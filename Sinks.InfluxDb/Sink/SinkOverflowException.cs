namespace Analytics.Sinks.InfluxDb.Sink;

/// <summary>The sink's buffer had no room for an enqueue: none of its points were taken. Enqueue them again later.</summary>
public sealed class SinkOverflowException(int points, int capacity)
    : Exception($"The InfluxDB sink buffer (capacity {capacity} points) had no room for {points} more points; none of them were enqueued.")
{
    public int Points { get; } = points;

    public int Capacity { get; } = capacity;
}
