using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Streaming.Kafka.Progress;

/// <summary>
/// The checkpoint coordinator of one provider (see <see cref="IKafkaProgressGrain"/>). One activation in the
/// cluster; its calls are few (one per silo per progress interval, one per consumer checkpoint), and what
/// must outlive it (resume points, live consumers, watermarks) is saved.
/// </summary>
internal sealed partial class KafkaProgressGrain : Grain, IKafkaProgressGrain
{
    private readonly IPersistentState<ProgressState> _state;
    private readonly KafkaStreamOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<int, (PartitionReport Report, DateTimeOffset At)> _live = [];
    private readonly Dictionary<int, RewindRequest> _rewinds = [];
    private readonly Dictionary<int, ResumePoint> _proposed = [];
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = [];
    // Resume points as storage holds them: receivers commit these to Kafka, so a point whose write failed
    // must not reach them (offsets never advance past unsaved state).
    private Dictionary<int, ResumePoint> _durable = [];
    private bool _dirty;

    public KafkaProgressGrain(
        IGrainContext context,
        IPersistentStateFactory stateFactory,
        IOptionsMonitor<KafkaStreamOptions> options,
        ILogger<KafkaProgressGrain> logger,
        TimeProvider? time = null)
    {
        _options = options.Get(context.GrainId.Key.ToString());
        _state = stateFactory.Create<ProgressState>(context, new PersistentStateAttribute("progress", _options.ProgressStorage));
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    private long OutOfOrdernessMs => (long)_options.MaxOutOfOrderness.TotalMilliseconds;

    // A partition whose receiver stopped reporting holds the watermark at its last value: it may have records nobody read.
    private TimeSpan ReportTimeout => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, _options.ProgressInterval.Ticks * 10));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var key in _state.State.Consumers.Keys) _lastSeen[key] = now;
        _durable = new Dictionary<int, ResumePoint>(_state.State.Saved);
        this.RegisterGrainTimer(SaveAndSuperviseAsync, new GrainTimerCreationOptions(_options.CommitInterval, _options.CommitInterval)
        {
            Interleave = false,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public Task<ProgressView> Exchange(PartitionReport[] partitions)
    {
        var now = _time.GetUtcNow();
        foreach (var report in partitions)
        {
            _live[report.Partition] = (report, now);
            if (_rewinds.TryGetValue(report.Partition, out var rewind) && report.RewindDone >= rewind.Id)
                _rewinds.Remove(report.Partition);
            if (report.Resume.Offset > ResumeOf(report.Partition).Offset)
                _proposed[report.Partition] = report.Resume;
        }
        UpdateWatermarks(now);
        var views = partitions.Select(p => new PartitionView(
            p.Partition, Saved(p.Partition), CheckpointsOf(p.Partition, p.LastHanded.Length), _rewinds.GetValueOrDefault(p.Partition)));
        return Task.FromResult(new ProgressView(_state.State.Watermark, _state.State.FinalWatermark, [.. views]));
    }

    public Task<ResumePoint?> GetResumePoint(int partition) =>
        Task.FromResult(_durable.TryGetValue(partition, out var saved) ? saved : (ResumePoint?)null);

    public async Task<long> Register(ConsumerCheckpoint checkpoint)
    {
        var registered = checkpoint with
        {
            AdoptedWatermark = Math.Max(checkpoint.AdoptedWatermark, _state.State.FinalWatermark),
        };
        await Checkpointed(registered);
        return registered.AdoptedWatermark;
    }

    public async Task Checkpointed(ConsumerCheckpoint checkpoint)
    {
        var isNew = !_state.State.Consumers.ContainsKey(checkpoint.StreamKey);
        _state.State.Consumers[checkpoint.StreamKey] = checkpoint;
        _lastSeen[checkpoint.StreamKey] = _time.GetUtcNow();
        UpdateWatermarks(_time.GetUtcNow());
        _dirty = true;
        // A new consumer holds the final watermark back from now on; that must survive this activation.
        if (isNew) await SaveAsync();
    }

    public Task MissedRecords(string streamKey, ResumePoint from)
    {
        var (partition, _) = StreamKeys.Parse(streamKey);
        RequestRewind(partition, from);
        return Task.CompletedTask;
    }

    public async Task Deregister(string streamKey)
    {
        if (!_state.State.Consumers.Remove(streamKey)) return;
        _lastSeen.Remove(streamKey);
        UpdateWatermarks(_time.GetUtcNow());
        await SaveAsync();
    }

    public Task<ProviderProgress> GetProgress()
    {
        var lag = _live.Values.Sum(l => l.Report.HighWatermark >= 0 ? Math.Max(0, l.Report.HighWatermark - l.Report.Position) : 0);
        var saved = Enumerable.Range(0, _options.Partitions).Select(Saved).ToArray();
        var started = Enumerable.Range(0, _options.Partitions)
            .Select(p => _live.TryGetValue(p, out var live) ? live.Report.Floor : (ResumePoint?)null).ToArray();
        return Task.FromResult(new ProviderProgress(
            _state.State.Watermark, _state.State.FinalWatermark, lag, _state.State.Consumers.Count, saved, started));
    }

    public Task<string[]> GetConsumers() => Task.FromResult(_state.State.Consumers.Keys.ToArray());

    private ResumePoint Saved(int partition) => _durable.GetValueOrDefault(partition, ResumePoint.Start);

    private ResumePoint Pending(int partition) => _state.State.Saved.GetValueOrDefault(partition, ResumePoint.Start);

    private ResumePoint ResumeOf(int partition) => _proposed.TryGetValue(partition, out var p) ? p : Pending(partition);

    private ResumePoint[] CheckpointsOf(int partition, int streams)
    {
        var result = new ResumePoint[streams];
        Array.Fill(result, ResumePoint.Start);
        foreach (var (key, checkpoint) in _state.State.Consumers)
        {
            var (p, s) = StreamKeys.Parse(key);
            if (p == partition && s < streams) result[s] = new ResumePoint(checkpoint.LastOffset + 1, checkpoint.PartitionTime);
        }
        return result;
    }

    private void RequestRewind(int partition, ResumePoint to)
    {
        if (_rewinds.TryGetValue(partition, out var pending) && pending.To.Offset <= to.Offset) return;
        // Ids grow across activations of this grain, so a receiver never takes a new request for one it did.
        _rewinds[partition] = new RewindRequest(_time.GetUtcNow().UtcTicks, to);
        LogRewind(partition, to.Offset);
    }

    /// <summary>
    /// The grid's watermark: the smallest watermark of the partitions that are not idle; when all are idle,
    /// the largest, so that a quiet grid's last windows still become final. It never goes back.
    /// The final watermark is what no record can change any more: it is at most the watermark every live
    /// consumer adopted and saved, and at most each partition's watermark at its resume point (the first
    /// record some consumer was handed but has not saved), so records in flight hold it back too.
    /// </summary>
    private void UpdateWatermarks(DateTimeOffset now)
    {
        if (_live.Count < _options.Partitions) return;
        var state = _state.State;
        long smallestActive = long.MaxValue, largest = long.MinValue, smallestResume = long.MaxValue;
        var anyActive = false;
        foreach (var (report, at) in _live.Values)
        {
            var watermark = WatermarkOf(report.PartitionTime);
            largest = Math.Max(largest, watermark);
            smallestResume = Math.Min(smallestResume, WatermarkOf(report.Resume.PartitionTimeBefore));
            if (report.Idle && now - at < ReportTimeout) continue;
            anyActive = true;
            smallestActive = Math.Min(smallestActive, watermark);
        }
        var candidate = anyActive ? smallestActive : largest;
        if (candidate > state.Watermark)
        {
            state.Watermark = candidate;
            _dirty = true;
        }
        var final = Math.Min(state.Watermark, smallestResume);
        if (state.Consumers.Count > 0) final = Math.Min(final, state.Consumers.Values.Min(c => c.AdoptedWatermark));
        if (final > state.FinalWatermark)
        {
            state.FinalWatermark = final;
            _dirty = true;
        }
    }

    private long WatermarkOf(long partitionTime) =>
        partitionTime == long.MinValue ? long.MinValue : partitionTime - OutOfOrdernessMs;

    private async Task SaveAndSuperviseAsync(CancellationToken cancellationToken)
    {
        foreach (var (partition, point) in _proposed)
        {
            if (point.Offset > Pending(partition).Offset) _state.State.Saved[partition] = point;
        }
        _dirty |= _proposed.Count > 0;
        _proposed.Clear();
        WakeLostConsumers(_time.GetUtcNow());
        if (_dirty) await SaveAsync();
    }

    private void WakeLostConsumers(DateTimeOffset now)
    {
        foreach (var (key, checkpoint) in _state.State.Consumers)
        {
            if (now - _lastSeen.GetValueOrDefault(key, now) < _options.ConsumerTimeout) continue;
            _lastSeen[key] = now;
            var (partition, stream) = StreamKeys.Parse(key);
            if (_live.TryGetValue(partition, out var live) && stream < live.Report.LastHanded.Length
                && live.Report.LastHanded[stream] > checkpoint.LastOffset)
            {
                RequestRewind(partition, new ResumePoint(checkpoint.LastOffset + 1, checkpoint.PartitionTime));
            }
            LogWaking(key);
            GrainFactory.GetGrain<IKafkaStreamConsumer>(key).Wake().Ignore();
        }
    }

    private async Task SaveAsync()
    {
        try
        {
            await _state.WriteStateAsync();
            _durable = new Dictionary<int, ResumePoint>(_state.State.Saved);
            _dirty = false;
        }
        catch (Exception e)
        {
            // Saved positions and watermarks only lag while storage is away; nothing advances past what is saved.
            LogSaveFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition} will be re-read from offset {Offset}")]
    private partial void LogRewind(int partition, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {StreamKey} reported no checkpoint for a while: waking it")]
    private partial void LogWaking(string streamKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save stream progress; retrying at the next interval")]
    private partial void LogSaveFailed(Exception exception);
}
