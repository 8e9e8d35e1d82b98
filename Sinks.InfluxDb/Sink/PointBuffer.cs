using System.Collections.Concurrent;
using Analytics.Sinks.InfluxDb.LineProtocol;

namespace Analytics.Sinks.InfluxDb.Sink;

/// <summary>
/// A bounded, lock-free buffer. Capacity counts every point held, waiting or being written, so memory stays
/// bounded while InfluxDB is down. Adding never waits: room is reserved with a compare-and-swap, all points
/// of an enqueue or none.
/// </summary>
internal sealed class PointBuffer(int capacity)
{
    private readonly ConcurrentQueue<PendingPoint> _queue = new();
    private int _held;
    private int _waiting;

    public int Capacity => capacity;

    /// <summary>Points held: waiting plus being written.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Points waiting to be taken. It may lag behind the queue for a moment, never run ahead of it.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public bool TryAdd(IReadOnlyList<MetricPoint> points, SinkTicket ticket)
    {
        int held;
        do
        {
            held = Volatile.Read(ref _held);
            if ((long)held + points.Count > capacity)
                return false;
        }
        while (Interlocked.CompareExchange(ref _held, held + points.Count, held) != held);

        foreach (var point in points)
            _queue.Enqueue(new PendingPoint(point, ticket));
        Interlocked.Add(ref _waiting, points.Count);
        return true;
    }

    /// <summary>Takes up to <paramref name="max"/> waiting points; they stay held until <see cref="Release"/>.</summary>
    public List<PendingPoint> Take(int max)
    {
        var batch = new List<PendingPoint>(Math.Min(max, Math.Max(Waiting, 0)));
        while (batch.Count < max && _queue.TryDequeue(out var pending))
            batch.Add(pending);
        Interlocked.Add(ref _waiting, -batch.Count);
        return batch;
    }

    public void Release(int points) => Interlocked.Add(ref _held, -points);
}
