namespace Analytics.Streaming.Kafka.Providers;

/// <summary>
/// A receiver's book of one partition: what it handed to each stream, what each stream's consumer has
/// saved, and from there the earliest offset a restart must read again. Not thread-safe: the receiver locks.
/// </summary>
internal sealed class PartitionLedger
{
    private readonly long[] _lastHanded;
    private readonly long[] _previousSinceSeek;
    private readonly ResumePoint[] _saved;

    public PartitionLedger(int streams, ResumePoint floor)
    {
        _lastHanded = new long[streams];
        _previousSinceSeek = new long[streams];
        _saved = new ResumePoint[streams];
        Array.Fill(_lastHanded, -1);
        Array.Fill(_saved, ResumePoint.Start);
        Floor = floor;
        Seek(floor);
    }

    /// <summary>Where this receiver started; everything before it is saved by every consumer.</summary>
    public ResumePoint Floor { get; }

    /// <summary>The next offset to hand on.</summary>
    public long Position { get; private set; }

    /// <summary>The largest event time of the records before <see cref="Position"/>.</summary>
    public long PartitionTime { get; private set; }

    /// <summary>Where reading last (re)started.</summary>
    public long From { get; private set; }

    public IReadOnlyList<long> LastHanded => _lastHanded;

    public void Seek(ResumePoint to)
    {
        Position = From = to.Offset;
        PartitionTime = to.PartitionTimeBefore;
        Array.Fill(_previousSinceSeek, -1);
    }

    /// <summary>Records that a record goes to a stream; returns the partition time before it.</summary>
    public long Hand(long offset, long eventTime, int stream)
    {
        var before = PartitionTime;
        _previousSinceSeek[stream] = offset;
        _lastHanded[stream] = Math.Max(_lastHanded[stream], offset);
        PartitionTime = Math.Max(PartitionTime, eventTime);
        Position = offset + 1;
        return before;
    }

    /// <summary>The offset of the stream's previous record since the last seek, or -1.</summary>
    public long PreviousOf(int stream) => _previousSinceSeek[stream];

    /// <summary>
    /// Raises the partition time of an idle partition with the grid's, so that it holds back neither the
    /// final watermark nor, once records come again, lets them into windows the grid already closed.
    /// </summary>
    public void Raise(long partitionTime) => PartitionTime = Math.Max(PartitionTime, partitionTime);

    /// <summary>Passes over a record no stream receives (a dead letter, saved elsewhere).</summary>
    public void Skip(long offset) => Position = offset + 1;

    public void Saved(IReadOnlyList<ResumePoint> checkpoints)
    {
        for (var s = 0; s < _saved.Length && s < checkpoints.Count; s++) _saved[s] = checkpoints[s];
    }

    /// <summary>
    /// The earliest point a restart must read from: the first record some consumer was handed but has not
    /// saved, or the current position when every handed record is saved.
    /// </summary>
    public ResumePoint ResumeCandidate()
    {
        var best = new ResumePoint(Position, PartitionTime);
        for (var s = 0; s < _saved.Length; s++)
        {
            var needed = _saved[s].Offset >= Floor.Offset ? _saved[s] : Floor;
            if (_lastHanded[s] >= needed.Offset && needed.Offset < best.Offset) best = needed;
        }
        return best;
    }
}
