using Confluent.Kafka;

namespace Analytics.Streaming.Kafka.Providers;

/// <summary>
/// Records of one partition fetched and not yet pulled. A seek invalidates it: records of the old
/// position, buffered or still arriving, are dropped until the feed confirms the new position.
/// </summary>
internal sealed class PartitionBuffer(TimeProvider time)
{
    private readonly object _lock = new();
    private List<ConsumeResult<byte[], byte[]>> _records = [];
    private int _requested;
    private int _accepted = -1;

    public int Count
    {
        get
        {
            lock (_lock) return _records.Count;
        }
    }

    /// <summary>
    /// Since when no record arrived: the last record, or when the feed took up the current position, whichever
    /// is later; null while a new position is not yet taken up. For idleness.
    /// </summary>
    public DateTimeOffset? QuietSince
    {
        get
        {
            lock (_lock) return _accepted != _requested ? null : _quietSince;
        }
    }

    private DateTimeOffset _quietSince;

    /// <summary>The offset after the last record taken, or the position taken up: where fetching would go on from.</summary>
    public long Next
    {
        get
        {
            lock (_lock) return _next;
        }
    }

    private long _next;

    public int Invalidate()
    {
        lock (_lock)
        {
            _records.Clear();
            return ++_requested;
        }
    }

    public void Accept(int generation, long offset)
    {
        lock (_lock)
        {
            if (generation != _requested) return;
            _accepted = generation;
            _next = offset;
            _quietSince = time.GetUtcNow();
        }
    }

    /// <summary>
    /// Takes a record in, unless the buffer waits for a new position or holds it already (a re-fetch that raced with
    /// records fetched before it).
    /// </summary>
    public int Add(ConsumeResult<byte[], byte[]> record)
    {
        lock (_lock)
        {
            if (_accepted != _requested || record.Offset.Value < _next) return _records.Count;
            _records.Add(record);
            _next = record.Offset.Value + 1;
            _quietSince = time.GetUtcNow();
            return _records.Count;
        }
    }

    /// <summary>Takes up to <paramref name="max"/> records, oldest first.</summary>
    public List<ConsumeResult<byte[], byte[]>> Take(int max)
    {
        lock (_lock)
        {
            if (_records.Count <= max)
            {
                var all = _records;
                _records = [];
                return all;
            }
            var taken = _records.GetRange(0, max);
            _records.RemoveRange(0, max);
            return taken;
        }
    }
}
