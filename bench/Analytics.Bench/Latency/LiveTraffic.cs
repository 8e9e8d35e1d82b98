using Analytics.Bench.Support;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Bench.Latency;

/// <summary>
/// Events happening now: a pool of concurrent visits, each sending a realistic event in turn and ending after
/// a few events, when a new visit takes its place. Event time is the moment the event is made.
/// </summary>
internal sealed class LiveTraffic(int concurrentVisits, int seed)
{
    private readonly Random _random = new(seed);
    private readonly EventFactory _factory = new(new SiteCatalog(sites: 200, pagesPerSite: 300, seed), new Random(seed + 1));
    private readonly Visit?[] _visits = new Visit?[concurrentVisits];
    private readonly int[] _remaining = new int[concurrentVisits];

    public AnalyticsEvent Next(long nowMs, long nowMicros)
    {
        var slot = _random.Next(_visits.Length);
        if (_visits[slot] is null || _remaining[slot] == 0)
        {
            _visits[slot] = _factory.NewVisit();
            _remaining[slot] = 1 + (int)(-Math.Log(1 - _random.NextDouble()) * 6);
        }
        _remaining[slot]--;
        return _factory.Next(_visits[slot]!, nowMs, nowMicros);
    }
}
