using Analytics.Grains.Interfaces.Events;

namespace Analytics.LoadGenerator.Traffic;

/// <summary>
/// Website traffic as the grid receives it, in arrival order, from a clock the caller drives: each
/// <see cref="Next"/> takes the current event time, so event time may follow the wall clock or run hours in
/// seconds. Same profile and same clock values give the same events. Events are valid per the contract; their
/// <see cref="AnalyticsEvent.IngestedAtMicros"/> is 0 until the sender sets it.
/// </summary>
/// <remarks>
/// Besides in-order session events there are three deliberate disorders, each in its share:
/// out-of-order events (at most <see cref="TrafficProfile.MaxOutOfOrderness"/> behind the newest event before them),
/// late events (held back until the newest event is <see cref="TrafficProfile.LateBy"/> ahead of them) and
/// duplicates (a recent event returned again, the same instance). Ids are unique otherwise.
/// </remarks>
public sealed class TrafficGenerator
{
    // Duplicates re-send one of the last few events, as a client retrying a request would.
    private const int RecentCapacity = 64;

    private readonly Rng _rng;
    private readonly SiteCatalog _catalog;
    private readonly SessionModel _sessions;
    private readonly PriorityQueue<AnalyticsEvent, long> _held = new();
    private readonly AnalyticsEvent[] _recent = new AnalyticsEvent[RecentCapacity];
    private readonly double _lateShare, _duplicateShare;
    private readonly long _lateByMs, _maxOutOfOrderMs;
    private int _recentCount, _recentNext;
    private long _clock, _newest, _events, _late, _duplicates;

    /// <exception cref="ArgumentException">The profile has wrong settings; the message names each.</exception>
    public TrafficGenerator(TrafficProfile profile)
    {
        var problems = profile.Problems().ToList();
        if (problems.Count > 0) throw new ArgumentException("Invalid traffic profile: " + string.Join("; ", problems), nameof(profile));

        _rng = new Rng((ulong)profile.Seed);
        _catalog = new SiteCatalog(profile.Seed, profile.Sites, profile.PagesPerSite);
        var sites = new ZipfDistribution(profile.Sites, profile.SiteZipfExponent);
        var siteKey = Rng.Mix(0x7369_7465_7300 ^ (ulong)profile.Seed);
        // A visitor's site depends on its number alone, not on when it first appears.
        _sessions = new SessionModel(profile, _rng, new EventComposer(profile, _catalog, _rng),
            visitor => sites.Sample(Rng.Unit(Rng.Mix(siteKey + (ulong)visitor))));
        _lateShare = profile.LateShare;
        _duplicateShare = profile.DuplicateShare;
        _lateByMs = (long)profile.LateBy.TotalMilliseconds;
        _maxOutOfOrderMs = (long)profile.MaxOutOfOrderness.TotalMilliseconds;
    }

    /// <summary>The sites' host names, most visited first.</summary>
    public IReadOnlyList<string> Sites => _catalog.Hosts;

    public TrafficCounts Counts => new(_events, _sessions.Sessions, _sessions.OutOfOrder, _late, _duplicates, _held.Count);

    /// <summary>The next event to send.</summary>
    /// <param name="nowMs">The current event time, Unix epoch milliseconds. A clock that goes back is taken as standing still.</param>
    public AnalyticsEvent Next(long nowMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nowMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nowMs, EventRules.MaxTimestamp);
        _clock = Math.Max(_clock, nowMs);
        _events++;

        if (_held.TryPeek(out var held, out var heldAt) && _newest - heldAt >= _lateByMs)
        {
            _held.Dequeue();
            _late++;
            return held;
        }
        if (_duplicateShare > 0 && _rng.Chance(_duplicateShare) && TryRecent(out var again))
        {
            _duplicates++;
            return again;
        }
        while (true)
        {
            var e = _sessions.Next(_clock);
            if (_lateShare > 0 && _rng.Chance(_lateShare))
            {
                _held.Enqueue(e, e.Timestamp);
                continue;
            }
            _recent[_recentNext] = e;
            _recentNext = (_recentNext + 1) % RecentCapacity;
            _recentCount = Math.Min(_recentCount + 1, RecentCapacity);
            _newest = Math.Max(_newest, e.Timestamp);
            return e;
        }
    }

    /// <summary>A log of <paramref name="count"/> events, the clock starting at <paramref name="startMs"/> and advancing evenly.</summary>
    /// <param name="eventsPerSecond">Events per second of event time: a low rate stretches the log over more event time.</param>
    public IReadOnlyList<AnalyticsEvent> Take(int count, long startMs, double eventsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(eventsPerSecond > 0) || double.IsInfinity(eventsPerSecond))
            throw new ArgumentOutOfRangeException(nameof(eventsPerSecond), eventsPerSecond, "must be a positive number");
        var events = new List<AnalyticsEvent>(count);
        for (var i = 0; i < count; i++)
            events.Add(Next(startMs + (long)(i * 1000.0 / eventsPerSecond)));
        return events;
    }

    // Only an event still within the out-of-order bound of the newest is re-sent, so a duplicate is never late itself.
    private bool TryRecent(out AnalyticsEvent e)
    {
        e = _recentCount == 0 ? null! : _recent[_rng.Next(_recentCount)];
        return e is not null && e.Timestamp >= _newest - _maxOutOfOrderMs;
    }
}
