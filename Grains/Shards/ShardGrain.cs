using System.Diagnostics;
using Analytics.EventStore;
using Analytics.Grains.Audience;
using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Telemetry;
using Analytics.Grains.Interfaces.Time;
using Analytics.Streaming.Kafka;
using Analytics.Streaming.Kafka.Consumers;
using Analytics.Streaming.Kafka.Progress;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Analytics.Grains.Shards;

/// <summary>
/// Follows the visitors of one shard of one Kafka partition (key <c>partition-stream</c>): its stream carries
/// every event of those visitors, in partition order, many per call. It counts each event once (duplicates
/// by id and replays by offset are skipped), judges lateness by the watermark it adopted, and keeps its
/// visitors' sessions and presence and the windows they fill.
/// <para>
/// Checkpoints follow <see cref="ConsumerProgress.CheckpointAsync"/>: report changed windows to the reducers, adopt the
/// grid's watermark, save (late events go to their topic first, and the events handed to the event store must be
/// there), then tell the stream's coordinator.
/// </para>
/// <para>
/// Counted events go to the event store once their session's start is settled (<see cref="UnstoredEvents"/>) by the
/// watermark as saved (never by one only proposed, which a failed save takes back): at every flush and after each
/// checkpoint, without waiting; the next save waits for them.
/// </para>
/// </summary>
[ImplicitStreamSubscription(GridOptions.StreamNamespace)]
internal sealed partial class ShardGrain(
    [PersistentState("shard", GridOptions.Storage)] IPersistentState<ShardState> state,
    IOptions<GridOptions> grid,
    IOptions<EventTimeOptions> time,
    IOptionsMonitor<KafkaStreamOptions> kafka,
    LateEventsTopic lateEvents,
    EventStoreWriter eventStore,
    PipelineMetrics metrics,
    ILogger<ShardGrain> logger)
    : Grain, IShardGrain, IKafkaStreamConsumer, IStreamSubscriptionObserver, IAsyncObserver<KafkaBatch<AnalyticsEvent>>
{
    private ConsumerProgress _progress = null!;
    private bool _stale;
    private ShardWindows _windows = null!;
    private int _index;
    private DateTimeOffset _lastEventAt = DateTimeOffset.UtcNow;

    // Events handed to the event store since the last save, with the write that takes them there.
    private readonly List<(List<StoredEvent> Events, Task Write)> _storeWrites = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var (partition, stream) = StreamKeys.Parse(key);
        _index = partition * kafka.Get(GridOptions.StreamProvider).StreamsPerPartition + stream;
        _progress = new ConsumerProgress(GridOptions.StreamProvider, key, state.State.Stream, ServiceProvider);
        _windows = new ShardWindows(state.State, time.Value.SessionGapMs);
        // Reducers may hold newer values than this saved state (from before a crash): report all again.
        _windows.MarkAllDirty();
        await _progress.ActivateAsync();
        var options = grid.Value;
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(options.FlushInterval, options.FlushInterval) { Interleave = false, KeepAlive = true });
        this.RegisterGrainTimer(CheckpointAsync, TimerSpread.Every(options.CheckpointInterval, keepAlive: true));
    }

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<KafkaBatch<AnalyticsEvent>>().ResumeAsync(this);

    public Task OnNextAsync(KafkaBatch<AnalyticsEvent> batch, StreamSequenceToken? token = null)
    {
        var nowMicros = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        Span<int> appliedByType = stackalloc int[EventTypes.All.Count + 1]; // indexed by EventType, which starts at 1
        var records = _progress.Admit(batch);
        foreach (var record in records)
        {
            var e = record.Item;
            if (e.Bot)
            {
                // A bot's event counts in no metric (METRICS.md §3b); its time fed the partition's watermark already.
            }
            else if (_windows.IsDuplicate(e))
            {
                LogDuplicate(e.Site, e.Id);
            }
            else if (_progress.IsLate(record, e.Timestamp))
            {
                state.State.LateEvents.Add(e);
                metrics.LateEvent();
            }
            else
            {
                _windows.Apply(e);
                state.State.Unstored.Add(e);
                appliedByType[(int)e.Type]++;
                metrics.EventLatency((nowMicros - e.IngestedAtMicros) / 1e6);
            }
            _progress.Advance(record);
        }
        for (var i = 0; i < EventTypes.All.Count; i++) metrics.EventsApplied(EventTypes.All[i].ToWireName(), appliedByType[(int)EventTypes.All[i]]);
        if (records.Count > 0) _lastEventAt = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task Wake() => Task.CompletedTask;

    public Task<ShardReport> Resync(string site)
    {
        var (windows, events) = _windows.Everything(site);
        return Task.FromResult(new ShardReport(_index, site, windows, events, Complete: true));
    }

    /// <summary>Reports changed windows to their reducers; false when a reducer could not be reached.</summary>
    private async Task<bool> ReportAsync()
    {
        if (!_windows.HasChanges) return true;
        var sites = _windows.TakeDirtySites();
        var reports = sites.Select(async site =>
        {
            var (windows, events) = _windows.TakeChanges(site);
            try
            {
                var ack = await GrainFactory.GetGrain<ISiteGrain>(site).Report(new ShardReport(_index, site, windows, events, Complete: false));
                _windows.Evict(site, ack.DurableFinal, _progress.Rules);
                return true;
            }
            catch (Exception e)
            {
                _windows.Untake(site, windows);
                LogReportFailed(site, e);
                return false;
            }
        });
        return (await Task.WhenAll(reports)).All(ok => ok);
    }

    private Task FlushAsync(CancellationToken cancellationToken)
    {
        HandOnSettled();
        return ReportAsync();
    }

    /// <summary>Hands the events whose session start is settled to the event store, before <see cref="ShardWindows.Expire"/> forgets their sessions.</summary>
    private void HandOnSettled()
    {
        var settled = UnstoredEvents.TakeSettled(state.State, _windows, _progress.LateBefore());
        if (settled.Count > 0) _storeWrites.Add((settled, eventStore.WriteAsync(settled)));
    }

    /// <summary>Waits until the store holds every event handed on since the last save; a failed write is tried once more.</summary>
    private async Task<bool> StoredAsync()
    {
        var stored = true;
        for (var i = 0; i < _storeWrites.Count; i++)
        {
            var (events, write) = _storeWrites[i];
            try
            {
                await write;
            }
            catch
            {
                try
                {
                    await eventStore.WriteAsync(events);
                }
                catch (Exception e)
                {
                    // The write stays listed: the next checkpoint tries it again, and none saves until it succeeds.
                    _storeWrites[i] = (events, Task.FromException(e));
                    stored = false;
                    continue;
                }
            }
            _storeWrites[i] = (events, Task.CompletedTask);
        }
        if (stored) _storeWrites.Clear();
        return stored;
    }

    private bool HoldsNothing => _windows.IsIdle && state.State.LateEvents.Count == 0 && state.State.Unstored.Count == 0;

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        HandOnSettled();
        _windows.Expire(_progress.LateBefore());
        if (!await _progress.CheckpointAsync(ReportAsync, SaveAsync)) return;
        // The watermark adopted and saved settles more sessions: their events go now, not a flush later.
        HandOnSettled();
        if (HoldsNothing && DateTimeOffset.UtcNow - _lastEventAt > grid.Value.ShardIdleTimeout)
        {
            DeactivateOnIdle();
        }
    }

    private async Task<bool> SaveAsync()
    {
        try
        {
            if (state.State.LateEvents.Count > 0)
            {
                await lateEvents.WriteAsync(state.State.LateEvents);
                state.State.LateEvents.Clear();
            }
        }
        catch (Exception e)
        {
            // They stay in the saved state and are written at the next checkpoint.
            LogLateWriteFailed(state.State.LateEvents.Count, e);
        }
        if (!await StoredAsync())
        {
            // The saved position must not pass events the store does not hold: a replay from the last save writes them.
            LogStoreBehind(_storeWrites.Sum(w => w.Events.Count));
            return false;
        }
        try
        {
            var started = Stopwatch.GetTimestamp();
            LogSaving(state.State.Stream.LastOffset);
            await state.WriteStateAsync();
            metrics.CheckpointDuration(Stopwatch.GetElapsedTime(started));
            LogSaved(state.State.Stream.LastOffset);
            return true;
        }
        catch (InconsistentStateException e)
        {
            // Another activation of this shard saved since this one loaded its state (two can live for a moment while the
            // cluster heals after a silo died): what this one holds is stale, and no later save of it can succeed. It goes
            // away without another word; the next activation loads what was saved and replays the partition from there.
            LogStale(e);
            _stale = true;
            DeactivateOnIdle();
            return false;
        }
        catch (Exception e)
        {
            // The coordinator hears of no checkpoint, so nothing advances past these events.
            LogSaveFailed(e);
            return false;
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stale) return;
        // With nothing held, it no longer holds the final watermark back; it registers again when events come.
        HandOnSettled();
        if (await _progress.CheckpointAsync(ReportAsync, SaveAsync) && HoldsNothing)
            await _progress.DeactivatedAsync();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saving checkpoint through offset {Offset}")]
    private partial void LogSaving(long offset);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saved checkpoint through offset {Offset}")]
    private partial void LogSaved(long offset);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Duplicate event {Id} of site {Site} skipped")]
    private partial void LogDuplicate(string site, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report windows of site {Site}; retrying at the next flush")]
    private partial void LogReportFailed(string site, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Count} late events to their topic; they stay saved with the shard")]
    private partial void LogLateWriteFailed(int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event store does not hold {Count} of this shard's events yet; the checkpoint waits for them")]
    private partial void LogStoreBehind(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another activation saved this shard's state: this one is stale and deactivates")]
    private partial void LogStale(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the shard's state; its stream position does not advance")]
    private partial void LogSaveFailed(Exception exception);
}
