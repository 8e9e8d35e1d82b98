using Orleans.Concurrency;

namespace Analytics.Grains.Interfaces.Live;

/// <summary>
/// A web host's receiver of live updates (an Orleans grain observer: one per web host, as in the Orleans
/// GPSTracker sample). Calls are one-way: a slow browser never holds up a grain.
/// </summary>
public interface ILiveObserver : IGrainObserver
{
    [OneWay]
    Task OnUpdates(LiveUpdate[] updates);
}

/// <summary>The web hosts that want live updates, and the sites their browsers watch (keyed 0).</summary>
public interface ILiveDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Registers or refreshes a web host's observer; a registration not refreshed within a minute lapses.</summary>
    Task Register(ILiveObserver observer, string[] sites);

    Task Unregister(ILiveObserver observer);

    Task<LiveSubscriber[]> GetSubscribers();
}

[GenerateSerializer, Immutable]
public sealed record LiveSubscriber([property: Id(0)] ILiveObserver Observer, [property: Id(1)] string[] Sites);

/// <summary>
/// One per silo (a stateless worker): reducers hand it their changes, and it sends them to the web hosts
/// watching those sites a few times a second, batched, never one message per event.
/// </summary>
public interface ILivePushGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task Publish(LiveUpdate update);
}

/// <summary>Pipeline health over the last minute, from every process's counters (keyed 0).</summary>
public interface IPipelineStatsGrain : IGrainWithIntegerKey
{
    Task Report(PipelineCounters counters);

    Task<PipelineSnapshot> Get();
}
