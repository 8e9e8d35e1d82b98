using Analytics.Grains.Interfaces.Events;

namespace Analytics.EndToEndTests.Infrastructure;

/// <summary>
/// Live traffic as sites send it, made by the test so that it knows every event: visitors coming back over the run,
/// events up to 1.9 s out of order, exact copies re-sent a few seconds later (across a checkpoint), and now and then an
/// event sent ten minutes behind the others (late by rule (a) of METRICS.md §2).
/// </summary>
public sealed class LiveTraffic(int seed, int sites, int visitorsPerSite)
{
    private readonly Random _random = new(seed);
    private readonly List<(long Due, AnalyticsEvent Event)> _copies = [];
    private int _made;

    /// <summary>The sites the traffic goes to, and <c>*</c>.</summary>
    public IReadOnlyList<string> SitesAndAll { get; } = [.. Enumerable.Range(0, sites).Select(SiteName), Grains.Interfaces.Events.SiteName.All];

    private static string SiteName(int n) => $"site{n}.live.test";

    /// <summary>The events to send now, at <paramref name="now"/> (Unix ms).</summary>
    public List<AnalyticsEvent> Next(int count, long now)
    {
        var batch = new List<AnalyticsEvent>(count + 8);
        foreach (var due in _copies.Where(c => c.Due <= now).ToList())
        {
            batch.Add(due.Event);
            _copies.Remove(due);
        }
        for (var i = 0; i < count; i++)
        {
            var e = Make(now - _random.Next(1900));
            batch.Add(e);
            if (_random.NextDouble() < 0.01) _copies.Add((now + _random.Next(3000, 5000), e));
            if (_made % 400 == 0) batch.Add(Make(now - 10 * 60_000 - _random.Next(60_000)));
        }
        return batch;
    }

    private AnalyticsEvent Make(long time)
    {
        var id = $"live-{seed}-{_made++}";
        var site = SiteName(_random.Next(sites));
        var visitor = $"v{_random.Next(visitorsPerSite)}";
        var roll = _random.NextDouble();
        var type = roll < 0.6 ? EventType.PageView : roll < 0.8 ? EventType.Click : roll < 0.9 ? EventType.Conversion : EventType.Custom;
        var page = $"/p{_random.Next(12)}";
        var url = type == EventType.PageView ? $"https://{site}{page}" : null;
        return new AnalyticsEvent(id, type, site, visitor, time, url, url is null ? null : page, null,
            type == EventType.Conversion ? _random.Next(1, 100) : null, null, 0);
    }
}
