using Analytics.Streaming.Kafka.EventTime;

namespace Analytics.Streaming.Kafka.Progress;

/// <summary>
/// The coordinator's book (see <see cref="IKafkaProgressGrain"/>), apart from the grain that saves it: which reader reads
/// each partition and what it last reported, the live consumers' checkpoints, the grid's watermarks, and the resume points.
/// <para>
/// A resume point goes through three stages: <em>proposed</em> by a reader's report, <em>written</em> into the state when a
/// save begins, and <em>durable</em> once that save succeeded. Only durable points leave the book (a restarting reader
/// starts at one, readers commit them to Kafka), so Kafka positions never run ahead of saved state.
/// </para>
/// <para>
/// The final watermark, too, leaves the book only once saved: a window shown final by any reducer stays final for the next
/// activation of the coordinator, and of a reducer, which asks it.
/// </para>
/// </summary>
internal sealed class ProgressBook
{
    private readonly ProgressState _state;
    private readonly EventTimeRules _rules;
    private readonly int _partitions;
    private readonly TimeSpan _reportTimeout;
    private readonly TimeSpan _consumerTimeout;
    private readonly TimeProvider _time;
    private readonly Dictionary<int, (PartitionReport Report, DateTimeOffset At)> _readers = [];
    private readonly HashSet<Guid> _released = [];
    private readonly Dictionary<int, ResumePoint> _proposed = [];
    private readonly Dictionary<int, RewindRequest> _rewinds = [];
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = [];
    private readonly PartitionWatermark[] _watermarks;
    private Dictionary<int, ResumePoint> _durable;
    private long _writtenFinal;
    private long _durableFinal;

    /// <param name="state">As loaded from storage.</param>
    /// <param name="reportTimeout">A partition whose reader has not reported for this long is taken for unread: never idle.</param>
    /// <param name="consumerTimeout">A consumer without a checkpoint for this long is taken for lost with its silo.</param>
    public ProgressBook(ProgressState state, EventTimeRules rules, int partitions, TimeSpan reportTimeout, TimeSpan consumerTimeout, TimeProvider time)
    {
        _state = state;
        _rules = rules;
        _partitions = partitions;
        _reportTimeout = reportTimeout;
        _consumerTimeout = consumerTimeout;
        _time = time;
        _durable = new Dictionary<int, ResumePoint>(state.Saved);
        _writtenFinal = _durableFinal = state.FinalWatermark;
        _watermarks = new PartitionWatermark[partitions];
        Array.Fill(_watermarks, PartitionWatermark.None);
        var now = time.GetUtcNow();
        foreach (var key in state.Consumers.Keys) _lastSeen[key] = now;
    }

    /// <summary>Something changed since the last successful save.</summary>
    public bool Dirty { get; private set; }

    public ProgressView Exchange(IEnumerable<PartitionReport> reports)
    {
        var now = _time.GetUtcNow();
        var answered = new List<PartitionView>();
        foreach (var report in reports)
        {
            // A reader that let go of its partition speaks for it no more, even when its last words arrive late.
            if (_released.Contains(report.Incarnation)) continue;
            if (report.Released)
            {
                _released.Add(report.Incarnation);
                if (_readers.TryGetValue(report.Partition, out var current) && current.Report.Incarnation == report.Incarnation)
                    _readers[report.Partition] = (current.Report with { Released = true }, now);
                continue;
            }
            _readers[report.Partition] = (report, now);
            if (_rewinds.TryGetValue(report.Partition, out var rewind) && report.RewindDone >= rewind.Id) _rewinds.Remove(report.Partition);
            if (report.Resume.Offset > Latest(report.Partition).Offset) _proposed[report.Partition] = report.Resume;
            answered.Add(new PartitionView(
                report.Partition, Durable(report.Partition), CheckpointsOf(report.Partition, report.LastHanded.Length), _rewinds.GetValueOrDefault(report.Partition)));
        }
        UpdateWatermarks(now);
        return new ProgressView(_state.Watermark, _durableFinal, [.. answered], [.. _watermarks]);
    }

    /// <summary>Where a partition's reading resumes: its durable resume point, or none before the first save.</summary>
    public ResumePoint? DurableResumePoint(int partition) => _durable.TryGetValue(partition, out var point) ? point : null;

    /// <summary>A consumer activated: its watermark is raised to the final one, so that no final window can change.</summary>
    public ConsumerCheckpoint Register(ConsumerCheckpoint checkpoint, out bool isNew)
    {
        var registered = checkpoint with { AdoptedWatermark = Math.Max(checkpoint.AdoptedWatermark, _state.FinalWatermark) };
        isNew = Checkpointed(registered);
        return registered;
    }

    /// <summary>A consumer saved; answers whether it is new (then the book must be saved before answering it).</summary>
    public bool Checkpointed(ConsumerCheckpoint checkpoint)
    {
        var isNew = !_state.Consumers.ContainsKey(checkpoint.StreamKey);
        _state.Consumers[checkpoint.StreamKey] = checkpoint;
        _lastSeen[checkpoint.StreamKey] = _time.GetUtcNow();
        Dirty = true;
        UpdateWatermarks(_time.GetUtcNow());
        return isNew;
    }

    /// <summary>A consumer deactivated with everything saved; answers whether it was live (then the book must be saved).</summary>
    public bool Deregister(string streamKey)
    {
        if (!_state.Consumers.Remove(streamKey)) return false;
        _lastSeen.Remove(streamKey);
        Dirty = true;
        UpdateWatermarks(_time.GetUtcNow());
        return true;
    }

    public void RequestRewind(int partition, ResumePoint to)
    {
        if (_rewinds.TryGetValue(partition, out var pending) && pending.To.Offset <= to.Offset) return;
        // Ids grow across activations of the coordinator, so a reader never takes a new request for one it carried out.
        _rewinds[partition] = new RewindRequest(_time.GetUtcNow().UtcTicks, to);
    }

    /// <summary>
    /// Consumers silent for the consumer timeout, taken for lost with their silo: each is to be woken, and its partition re-read
    /// from its checkpoint when records were handed to it since.
    /// </summary>
    public List<string> LostConsumers()
    {
        var now = _time.GetUtcNow();
        var lost = new List<string>();
        foreach (var (key, checkpoint) in _state.Consumers)
        {
            if (now - _lastSeen.GetValueOrDefault(key, now) < _consumerTimeout) continue;
            _lastSeen[key] = now;
            var (partition, stream) = StreamKeys.Parse(key);
            if (_readers.TryGetValue(partition, out var reader) && stream < reader.Report.LastHanded.Length
                && reader.Report.LastHanded[stream] > checkpoint.LastOffset)
            {
                RequestRewind(partition, checkpoint.ResumePoint);
            }
            lost.Add(key);
        }
        return lost;
    }

    /// <summary>Begins a save: the proposed resume points (and the final watermark) are written into the state. Answers whether there is anything to save.</summary>
    public bool BeginSave()
    {
        foreach (var (partition, point) in _proposed)
        {
            if (point.Offset > Written(partition).Offset) _state.Saved[partition] = point;
        }
        Dirty |= _proposed.Count > 0;
        _proposed.Clear();
        _writtenFinal = _state.FinalWatermark;
        return Dirty;
    }

    /// <summary>The save succeeded: what it wrote is durable. (A failed save changes nothing: it is written again next time.)</summary>
    public void SaveSucceeded()
    {
        _durable = new Dictionary<int, ResumePoint>(_state.Saved);
        _durableFinal = _writtenFinal;
        Dirty = false;
    }

    public ProviderProgress Progress()
    {
        var lag = _readers.Values.Sum(r => r.Report.HighWatermark >= 0 ? Math.Max(0, r.Report.HighWatermark - r.Report.Position) : 0);
        var durable = Enumerable.Range(0, _partitions).Select(Durable).ToArray();
        var started = Enumerable.Range(0, _partitions)
            .Select(p => _readers.TryGetValue(p, out var reader) ? reader.Report.Floor : (ResumePoint?)null).ToArray();
        return new ProviderProgress(_state.Watermark, _durableFinal, lag, _state.Consumers.Count, durable, started);
    }

    public string[] Consumers => [.. _state.Consumers.Keys];

    private ResumePoint Durable(int partition) => _durable.GetValueOrDefault(partition, ResumePoint.Start);

    private ResumePoint Written(int partition) => _state.Saved.GetValueOrDefault(partition, ResumePoint.Start);

    private ResumePoint Latest(int partition) => _proposed.TryGetValue(partition, out var proposed) ? proposed : Written(partition);

    private ResumePoint[] CheckpointsOf(int partition, int streams)
    {
        var result = new ResumePoint[streams];
        Array.Fill(result, ResumePoint.Start);
        foreach (var (key, checkpoint) in _state.Consumers)
        {
            var (p, s) = StreamKeys.Parse(key);
            if (p == partition && s < streams) result[s] = checkpoint.ResumePoint;
        }
        return result;
    }

    /// <summary>The watermarks move only once every partition has a reader that reported: until then the others are unknown.</summary>
    private void UpdateWatermarks(DateTimeOffset now)
    {
        if (_readers.Count < _partitions) return;
        var statuses = new PartitionStatus[_partitions];
        foreach (var (partition, (report, at)) in _readers)
        {
            if (partition >= _partitions) continue;
            var read = !report.Released && now - at < _reportTimeout;
            statuses[partition] = new PartitionStatus(report.PartitionTime, report.Resume.PartitionTimeBefore, read && report.Idle, report.Resume.Offset >= report.Position);
        }
        var grid = GridWatermark.Of(_rules, statuses);
        if (grid > _state.Watermark)
        {
            _state.Watermark = grid;
            Dirty = true;
        }
        var smallestAdopted = _state.Consumers.Count > 0 ? _state.Consumers.Values.Min(c => c.AdoptedWatermark) : long.MaxValue;
        var final = GridWatermark.Final(_rules, _state.Watermark, statuses, smallestAdopted);
        if (final > _state.FinalWatermark)
        {
            _state.FinalWatermark = final;
            Dirty = true;
        }
        for (var p = 0; p < _partitions; p++) _watermarks[p] = GridWatermark.For(_rules, _state.Watermark, statuses[p]);
    }
}
