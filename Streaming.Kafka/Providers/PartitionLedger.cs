namespace Analytics.Streaming.Kafka.Providers;

/// <summary>
/// A receiver's book of one partition: what it handed to each stream, what each stream's consumer has
/// saved, and from there the earliest offset a restart must read again (the resume point it proposes to
/// the coordinator). Its partition time is the log's alone (rule (a) of METRICS.md §2): every record handed on
/// feeds it, nothing else does. Not thread-safe: the receiver locks.
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

    /// <summary>The partition time of the records before <see cref="Position"/> (see <see cref="EventTime.EventTimeRules"/>).</summary>
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
    /// <param name="partitionTime">What the record adds to the partition time: its event time capped at its acceptance.</param>
    public long Hand(long offset, long partitionTime, int stream)
    {
        var before = PartitionTime;
        _previousSinceSeek[stream] = offset;
        _lastHanded[stream] = Math.Max(_lastHanded[stream], offset);
        PartitionTime = EventTime.EventTimeRules.Advance(PartitionTime, partitionTime);
        Position = offset + 1;
        return before;
    }

    /// <summary>The offset of the stream's previous record since the last seek, or -1.</summary>
    public long PreviousOf(int stream) => _previousSinceSeek[stream];

    /// <summary>Passes over a record no stream receives (a dead letter, saved elsewhere).</summary>
    public void Skip(long offset) => Position = offset + 1;

    /// <summary>Takes up the consumers' saved checkpoints, as the coordinator last heard of them.</summary>
    public void Saved(IReadOnlyList<ResumePoint> checkpoints)
    {
        for (var s = 0; s < _saved.Length && s < checkpoints.Count; s++) _saved[s] = checkpoints[s];
    }

    /// <summary>
    /// The resume point to propose: the earliest point a restart must read from, that is the first record some consumer
    /// was handed but has not saved, or the current position when every handed record is saved. Never ahead of what the
    /// consumers saved.
    /// </summary>
    public ResumePoint ProposedResumePoint()
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
