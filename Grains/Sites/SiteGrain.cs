using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Time;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Streaming.Kafka.Consumers;
using Analytics.Streaming.Kafka.Progress;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    ILogger<SiteGrain> logger) : Grain, ISiteGrain
{
    private readonly OpenWindows _open = new();
    private readonly long _allowedLatenessMs = time.Value.AllowedLatenessMs;
    private readonly long _sessionGapMs = time.Value.SessionGapMs;
    private IKafkaWatermarks _watermarks = null!;
    private long _finalizedTo;
    private long _reportedEvents = -1;

    private string Site => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _watermarks = ServiceProvider.GetRequiredKeyedService<IKafkaWatermarks>(GridOptions.StreamProvider);
        _finalizedTo = state.State.DurableFinal;
        await ResyncAsync();
        var options = grid.Value;
        this.RegisterGrainTimer(FinalizeAsync, new GrainTimerCreationOptions(options.FlushInterval, options.FlushInterval) { Interleave = false, KeepAlive = false });
        this.RegisterGrainTimer(CheckpointAsync, new GrainTimerCreationOptions(options.CheckpointInterval, options.CheckpointInterval) { Interleave = false, KeepAlive = false });
    }

    /// <summary>
    /// Windows not final when this reducer last saved live only in the shards now: pull them back before
    /// finalizing anything. Shards answer this while busy, so a shard whose report activated us is no obstacle.
    /// </summary>
    private async Task ResyncAsync()
    {
        var consumers = await GrainFactory.GetGrain<IKafkaProgressGrain>(GridOptions.StreamProvider).GetConsumers();
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
            if (ClosesAt(key) <= _finalizedTo) continue;
            _open.Set(report.Shard, key, value);
        }
        state.State.ShardEvents[report.Shard] = report.Events;
    }

    public Task<long> GetEventCount() => Task.FromResult(state.State.ShardEvents.Values.Sum());

    private long ClosesAt(WindowKey key) => key.Family.ClosesAt(key.Start, _sessionGapMs) + _allowedLatenessMs;

    private async Task FinalizeAsync(CancellationToken cancellationToken)
    {
        var final = _watermarks.FinalWatermark;
        if (final > _finalizedTo)
        {
            foreach (var (key, value) in _open.TakeWhere(k => ClosesAt(k) <= final))
                Keep(key, value);
            _finalizedTo = final;
        }
        await PublishEventCountAsync();
    }

    private void Keep(WindowKey key, WindowValue value)
    {
        if (!Metrics.Exists(key.Family, value)) return;
        if (key.Family == WindowFamily.PageViewsOfPage)
        {
            var minute = WindowShapes.Floor(key.Start, WindowShapes.TopPagesSize);
            if (!state.State.PageMinutes.TryGetValue(minute, out var pages)) state.State.PageMinutes[minute] = pages = [];
            pages[key.Page!] = pages.GetValueOrDefault(key.Page!) + value.A;
            return;
        }
        if (!state.State.Final.TryGetValue(key.Family, out var windows)) state.State.Final[key.Family] = windows = [];
        windows[key.Start] = value;
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        Prune();
        var previous = state.State.DurableFinal;
        state.State.DurableFinal = _finalizedTo;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            state.State.DurableFinal = previous;
            LogSaveFailed(Site, e);
        }
    }

    /// <summary>Keeps final windows for the retention period, counted back from the newest final window.</summary>
    private void Prune()
    {
        if (_finalizedTo == long.MinValue) return;
        var oldest = _finalizedTo - (long)grid.Value.FinalRetention.TotalMilliseconds;
        foreach (var windows in state.State.Final.Values) RemoveBefore(windows, oldest);
        RemoveBefore(state.State.PageMinutes, oldest);
    }

    private static void RemoveBefore<T>(SortedDictionary<long, T> windows, long oldest)
    {
        while (windows.Count > 0 && windows.Keys.First() < oldest) windows.Remove(windows.Keys.First());
    }

    private async Task PublishEventCountAsync()
    {
        var events = state.State.ShardEvents.Values.Sum();
        if (events == _reportedEvents || Site == SiteName.All) return;
        await GrainFactory.GetGrain<ISiteDirectoryGrain>(0).Update(Site, events);
        _reportedEvents = events;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save reducer {Site}; final windows stay in the shards until it can")]
    private partial void LogSaveFailed(string site, Exception exception);
}
