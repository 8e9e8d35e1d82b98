using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Live;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Analytics.Grains.Live;

/// <summary>
/// One per silo. Reducers on this silo hand it their changes; every flush interval it sends each web host
/// the updates of the sites its browsers watch, in one call. Later updates of a window replace earlier ones.
/// </summary>
[StatelessWorker(1)]
internal sealed class LivePushGrain(IOptions<GridOptions> grid, TimeProvider time) : Grain, ILivePushGrain
{
    private static readonly TimeSpan SubscriberRefresh = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, LiveUpdate> _pending = [];
    private LiveSubscriber[] _subscribers = [];
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = grid.Value.FlushInterval;
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(period, period) { Interleave = false, KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task Publish(LiveUpdate update)
    {
        _pending[update.Site] = _pending.TryGetValue(update.Site, out var earlier) ? Merge(earlier, update) : update;
        return Task.CompletedTask;
    }

    private static LiveUpdate Merge(LiveUpdate earlier, LiveUpdate later) => new(
        later.Site,
        [.. earlier.Windows.Concat(later.Windows).GroupBy(w => (w.Family, w.Start)).Select(g => g.Last())],
        later.TopPages ?? earlier.TopPages);

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0) return;
        if (time.GetUtcNow() - _refreshedAt > SubscriberRefresh)
        {
            _subscribers = await GrainFactory.GetGrain<ILiveDirectoryGrain>(0).GetSubscribers();
            _refreshedAt = time.GetUtcNow();
        }
        foreach (var subscriber in _subscribers)
        {
            var updates = subscriber.Sites.Where(_pending.ContainsKey).Select(site => _pending[site]).ToArray();
            // One-way: a web host that is gone costs nothing here; its registration lapses.
            if (updates.Length > 0) _ = subscriber.Observer.OnUpdates(updates);
        }
        _pending.Clear();
    }
}
