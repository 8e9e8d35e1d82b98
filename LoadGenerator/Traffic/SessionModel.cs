using Analytics.Grains.Interfaces.Events;

namespace Analytics.LoadGenerator.Traffic;

/// <summary>
/// Visitors' sessions over event time. A visitor whose last event is more than the session gap ago starts a
/// new session, whatever the reason (it came back, or the caller's clock ran ahead of its think time), so
/// the sessions counted here are exactly those the contract's gap rule finds in the events.
/// </summary>
internal sealed class SessionModel
{
    private readonly Rng _rng;
    private readonly EventComposer _composer;
    private readonly VisitorPool _pool;
    private readonly double _conversionRate, _outOfOrderShare, _pageViewWeight, _clickWeight, _totalWeight;
    private readonly double _endChance;
    private readonly int _maxEvents, _maxOutOfOrderMs;
    private readonly long _sessionGapMs, _thinkMinMs, _thinkMaxMs, _returnMinMs, _returnMaxMs;

    public SessionModel(TrafficProfile profile, Rng rng, EventComposer composer, Func<int, int> siteOf)
    {
        _rng = rng;
        _composer = composer;
        _pool = new VisitorPool(profile.Visitors, profile.ReturningShare, siteOf);
        _conversionRate = profile.ConversionRate;
        _outOfOrderShare = profile.OutOfOrderShare;
        _pageViewWeight = profile.PageViewWeight;
        _clickWeight = profile.ClickWeight;
        _totalWeight = profile.PageViewWeight + profile.ClickWeight + profile.CustomWeight;
        _endChance = 1 / profile.MeanEventsPerSession;
        _maxEvents = profile.MaxEventsPerSession;
        _maxOutOfOrderMs = (int)Math.Min(int.MaxValue, (long)profile.MaxOutOfOrderness.TotalMilliseconds);
        _sessionGapMs = (long)profile.SessionGap.TotalMilliseconds;
        _thinkMinMs = (long)profile.ThinkTimeMin.TotalMilliseconds;
        _thinkMaxMs = (long)profile.ThinkTimeMax.TotalMilliseconds;
        _returnMinMs = (long)profile.ReturnGapMin.TotalMilliseconds;
        _returnMaxMs = (long)profile.ReturnGapMax.TotalMilliseconds;
    }

    public long Sessions { get; private set; }

    public long OutOfOrder { get; private set; }

    /// <summary>The next event of some visitor, at <paramref name="now"/> or, when moved out of order, a little before.</summary>
    public AnalyticsEvent Next(long now)
    {
        var index = _pool.Choose(now, _rng);
        ref var visitor = ref _pool[index];
        var firstEver = visitor.LastTimestamp == Visitor.NeverSeen;
        if (firstEver || now - visitor.LastTimestamp > _sessionGapMs)
        {
            Sessions++;
            visitor.SessionFloor = firstEver ? 0 : visitor.LastTimestamp + _sessionGapMs + 1;
            Plan(ref visitor);
        }
        else if (visitor.Remaining == 0)
        {
            // Back before the gap passed (only when the pool is too small): the same session goes on.
            Plan(ref visitor);
        }

        var type = visitor.Remaining == 1 && visitor.Converts ? EventType.Conversion
            : visitor.Step == 0 ? EventType.PageView
            : NextType();
        var timestamp = now;
        if (_outOfOrderShare > 0 && _rng.Chance(_outOfOrderShare))
        {
            // Never before the session's floor: moving an event back must not merge it into the previous session.
            timestamp = Math.Max(Math.Max(now - 1 - _rng.Next(_maxOutOfOrderMs), visitor.SessionFloor), 0);
            if (timestamp < now) OutOfOrder++;
        }

        var e = _composer.Compose(index, ref visitor, type, timestamp);
        visitor.LastTimestamp = Math.Max(visitor.LastTimestamp, timestamp);
        visitor.Step++;
        if (--visitor.Remaining > 0) _pool.Continue(index, now + _rng.LogUniform(_thinkMinMs, _thinkMaxMs));
        else _pool.Leave(index, visitor.LastTimestamp + _rng.LogUniform(_returnMinMs, _returnMaxMs));
        return e;
    }

    private void Plan(ref Visitor visitor)
    {
        visitor.Step = 0;
        visitor.Converts = _rng.Chance(_conversionRate);
        var length = 1 + _rng.Geometric(_endChance);
        // A converting session needs a landing page view before its conversion.
        visitor.Remaining = Math.Clamp(length, visitor.Converts ? 2 : 1, _maxEvents);
    }

    private EventType NextType()
    {
        var draw = _rng.NextDouble() * _totalWeight;
        return draw < _pageViewWeight ? EventType.PageView
            : draw < _pageViewWeight + _clickWeight ? EventType.Click
            : EventType.Custom;
    }
}
