namespace Analytics.LoadGenerator.Traffic;

/// <summary>
/// Decides who acts next. Visitors in a session wait for their next event's due time; visitors between
/// sessions wait to be due back; new visitors join when nobody is due. So the number of sessions open at
/// once follows the caller's event rate instead of being fixed: a faster clock draws in more visitors.
/// </summary>
internal sealed class VisitorPool(int capacity, double returningShare, Func<int, int> siteOf)
{
    private readonly PriorityQueue<int, long> _inSession = new();
    private readonly PriorityQueue<int, long> _away = new();
    private Visitor[] _visitors = new Visitor[Math.Min(capacity, 1024)];
    private int _seen;

    public ref Visitor this[int index] => ref _visitors[index];

    /// <summary>The visitor whose event comes at <paramref name="now"/>.</summary>
    public int Choose(long now, Rng rng)
    {
        if (_inSession.TryPeek(out _, out var dueAt) && dueAt <= now) return _inSession.Dequeue();
        var returning = _away.TryPeek(out _, out var backAt) && backAt <= now;
        if (returning && (_seen == capacity || rng.Chance(returningShare))) return _away.Dequeue();
        if (_seen < capacity) return Join();
        // The pool is too small for the rate: someone acts before their time rather than inventing a visitor.
        return _inSession.Count > 0 ? _inSession.Dequeue() : _away.Dequeue();
    }

    public void Continue(int visitor, long dueAt) => _inSession.Enqueue(visitor, dueAt);

    public void Leave(int visitor, long backAt) => _away.Enqueue(visitor, backAt);

    private int Join()
    {
        if (_seen == _visitors.Length) Array.Resize(ref _visitors, (int)Math.Min(capacity, 2L * _visitors.Length));
        var index = _seen++;
        _visitors[index] = new Visitor { Site = siteOf(index), LastTimestamp = Visitor.NeverSeen };
        return index;
    }
}
