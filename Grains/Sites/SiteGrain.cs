using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Telemetry;
using Analytics.Grains.Interfaces.Time;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Streaming.Kafka.Consumers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Analytics.Grains.Sites;

/// <summary>
/// The reducer of one site, or of the whole grid (key <c>*</c>). Shards report their own totals of each
/// window; the reducer sums them, and once the final watermark passes a window's close (plus the allowed
/// lateness) the sum is final: it is kept for the retention period and saved. Shards forget a window only
/// when the reducer's answer says it holds it final and saved.
/// </summary>
internal sealed partial class SiteGrain(
    [PersistentState("site", GridOptions.Storage)] IPersistentState<SiteState> state,
    IOptions<GridOptions> grid,
    IOptions<EventTimeOptions> time,
    PipelineMetrics metrics,
    ILogger<SiteGrain> logger) : Grain, ISiteGrain
{
    private readonly OpenWindows _open = new();
    private FinalWindows _final = null!;
    private readonly long _sessionGapMs = time.Value.SessionGapMs;
    private IKafkaWatermarks _watermarks = null!;
    private long _finalizedTo;
    private long _publishedEvents = -1;

    private string Site => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _watermarks = ServiceProvider.GetRequiredKeyedService<IKafkaWatermarks>(GridOptions.StreamProvider);
        // The saved state is loaded by now; the object the constructor saw was only a placeholder.
        _final = new FinalWindows(state.State);
        _finalizedTo = state.State.DurableFinal;
        StartSink();
        await ResyncAsync();
        // What an older activation showed final (it may not have saved it) is final before this one answers anything.
        FinalizeTo(await _watermarks.GetFinalWatermarkAsync());
        var options = grid.Value;
        this.RegisterGrainTimer(FinalizeAsync, new GrainTimerCreationOptions(options.FlushInterval, options.FlushInterval) { Interleave = false, KeepAlive = false });
        this.RegisterGrainTimer(CheckpointAsync, TimerSpread.Every(options.CheckpointInterval, keepAlive: false));
    }

    /// <summary>
    /// Windows not final when this reducer last saved live only in the shards now: pull them back before
    /// finalizing anything. Shards answer this while busy, so a shard whose report activated us is no obstacle.
    /// </summary>
    private async Task ResyncAsync()
    {
        var consumers = await _watermarks.GetConsumersAsync();
        var reports = await Task.WhenAll(consumers.Select(key => GrainFactory.GetGrain<IShardGrain>(key).Resync(Site)));
        foreach (var report in reports) Apply(report);
    }

    public Task<ReducerAck> Report(ShardReport report)
    {
        Apply(report);
        return Task.FromResult(new ReducerAck(state.State.DurableFinal));
    }

    private void Apply(ShardReport report)
    {
        if (report.Complete) _open.Forget(report.Shard);
        foreach (var (key, value) in report.Windows)
        {
            // A final window never changes; a replaying shard reports it again, with the same value.
            if (IsFinal(key, _finalizedTo)) continue;
            _open.Set(report.Shard, key, value);
            Changed(key);
        }
        state.State.ShardEvents[report.Shard] = report.Events;
    }

    public Task<long> GetEventCount() => Task.FromResult(state.State.ShardEvents.Values.Sum());

    private bool IsFinal(WindowKey key, long finalWatermark) => _watermarks.Rules.IsFinal(key.Family.ClosesAt(key.Start, _sessionGapMs), finalWatermark);

    private async Task FinalizeAsync(CancellationToken cancellationToken)
    {
        FinalizeTo(_watermarks.FinalWatermark);
        SendToSink();
        HandOverTraffic();
        await PushChangesAsync();
        await PublishEventCountAsync(evenIfUnchanged: false);
    }

    /// <summary>Open windows that close (plus the allowed lateness) at or before the final watermark become final.</summary>
    private void FinalizeTo(long final)
    {
        if (final <= _finalizedTo) return;
        foreach (var (key, value) in _open.TakeWhere(k => IsFinal(k, final)))
        {
            _final.Keep(key, value);
            ToSink(key, value);
            Changed(key);
        }
        _finalizedTo = final;
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (_finalizedTo != long.MinValue) _final.Prune(_finalizedTo - (long)grid.Value.FinalRetention.TotalMilliseconds);
        await HandOverPagesAsync();
        await PublishEventCountAsync(evenIfUnchanged: true);
        var previous = state.State.DurableFinal;
        state.State.DurableFinal = _finalizedTo;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException e)
        {
            // Another activation of this reducer saved since this one loaded: this one is stale. The next activation loads
            // what was saved and pulls the rest back from the shards, which keep every window it has not saved as final.
            state.State.DurableFinal = previous;
            LogStale(Site, e);
            DeactivateOnIdle();
        }
        catch (Exception e)
        {
            state.State.DurableFinal = previous;
            LogSaveFailed(Site, e);
        }
    }

    /// <summary>Complete minutes of per-page seconds go to their page's grain, which saves them before answering.</summary>
    private async Task HandOverPagesAsync()
    {
        var handovers = _final.CompletePageMinutes(minute => _watermarks.Rules.IsFinal(minute + WindowShapes.TopPagesSize, _finalizedTo))
            .SelectMany(m => m.Pages.Select(p => (m.Minute, Page: p.Key, Seconds: p.Value)))
            .GroupBy(h => h.Page)
            .Select(async page =>
            {
                try
                {
                    await GrainFactory.GetGrain<IPageGrain>(PageKeys.Of(Site, page.Key)).Append([.. page.Select(h => new PageMinute(h.Minute, h.Seconds))]);
                    return page.ToList();
                }
                catch (Exception e)
                {
                    LogHandOverFailed(Site, page.Key, e);
                    return [];
                }
            });
        foreach (var (minute, page, _) in (await Task.WhenAll(handovers)).SelectMany(h => h)) _final.HandedOver(minute, page);
    }

    /// <summary>
    /// Tells the site directory this site's count: when it changed, and at every checkpoint even if it did not, because the
    /// directory saves only now and then and a new activation of it (its silo died) knows only what it last saved.
    /// </summary>
    private async Task PublishEventCountAsync(bool evenIfUnchanged)
    {
        var events = state.State.ShardEvents.Values.Sum();
        if ((events == _publishedEvents && !evenIfUnchanged) || Site == SiteName.All) return;
        try
        {
            await GrainFactory.GetGrain<ISiteDirectoryGrain>(0).Update(Site, events);
            _publishedEvents = events;
        }
        catch (Exception e)
        {
            LogPublishFailed(Site, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another activation saved reducer {Site}: this one is stale and deactivates")]
    private partial void LogStale(string site, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save reducer {Site}; final windows stay in the shards until it can")]
    private partial void LogSaveFailed(string site, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the site directory the count of {Site}; telling it again at the next flush")]
    private partial void LogPublishFailed(string site, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand page {Page} of {Site} to its grain; the reducer keeps it and tries again")]
    private partial void LogHandOverFailed(string site, string page, Exception exception);
}
