using Analytics.Grains.Interfaces.Live;

namespace Analytics.Grains.Live;

/// <summary>
/// The web hosts that receive live updates. Nothing here is saved: web hosts register again every few
/// seconds, so a directory that lost its memory is whole again within one refresh.
/// </summary>
internal sealed class LiveDirectoryGrain(TimeProvider time) : Grain, ILiveDirectoryGrain
{
    private static readonly TimeSpan Lapse = TimeSpan.FromMinutes(1);
    private readonly Dictionary<ILiveObserver, (string[] Sites, DateTimeOffset At)> _subscribers = [];

    public Task Register(ILiveObserver observer, string[] sites)
    {
        _subscribers[observer] = (sites, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task Unregister(ILiveObserver observer)
    {
        _subscribers.Remove(observer);
        return Task.CompletedTask;
    }

    public Task<LiveSubscriber[]> GetSubscribers()
    {
        var now = time.GetUtcNow();
        foreach (var lapsed in _subscribers.Where(s => now - s.Value.At > Lapse).Select(s => s.Key).ToList()) _subscribers.Remove(lapsed);
        return Task.FromResult(_subscribers.Select(s => new LiveSubscriber(s.Key, s.Value.Sites)).ToArray());
    }
}
