using Analytics.Streaming.Kafka.EventTime;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Grains.Shards;

/// <summary>
/// The event-time arithmetic of one shard: applies counted events to its visitors' sessions and presence,
/// and keeps every window the shard contributes to, per site and for the whole grid (<c>*</c>), as the
/// shard's own totals. It also remembers which windows changed since they were last reported.
/// Pure logic over <see cref="ShardState"/>: no Orleans, no clock.
/// </summary>
internal sealed class ShardWindows(ShardState state, long sessionGapMs)
{
    private const int BucketsPerConversionWindow = (int)(WindowShapes.ConversionSize / WindowShapes.ConversionSlide);
    private readonly List<SiteWindows> _dirtySites = [];

    // The last event looked up, so that IsDuplicate and Apply on the same event look its visitor up once.
    private AnalyticsEvent? _looked;
    private SiteWindows _lookedSite = null!;
    private VisitorState? _lookedVisitor;
    private ulong _lookedHash;

    public ShardState State => state;

    // The whole grid's windows (site *), kept at hand: every event changes them.
    private SiteWindows GridSite => _grid ??= SiteOf(SiteName.All);

    private SiteWindows? _grid;

    /// <summary>No visitor to follow and no window to hand on: only the event counts per site remain.</summary>
    public bool IsIdle => state.Sites.Values.All(s => s.Visitors.Count == 0 && s.Windows.Count == 0);

    /// <summary>Whether the visitor already had an event with this id (one not yet old enough to be late anyway).</summary>
    public bool IsDuplicate(AnalyticsEvent e)
    {
        Look(e);
        if (_lookedVisitor is null) return false;
        foreach (var id in _lookedVisitor.Ids)
        {
            if (id.Hash == _lookedHash) return true;
        }
        return false;
    }

    /// <summary>Counts an event (neither late nor a duplicate) in every window it belongs to.</summary>
    public void Apply(AnalyticsEvent e)
    {
        Look(e);
        var site = _lookedSite;
        var visitor = _lookedVisitor ??= site.Visitors[e.Visitor] = new VisitorState();
        visitor.Ids.Add(new SeenId(_lookedHash, e.Timestamp));

        var pageView = e.Type == EventType.PageView;
        var second = WindowShapes.Floor(e.Timestamp, WindowShapes.Second);
        Change(site, new WindowKey(WindowFamily.PageViews, second), new WindowValue(pageView ? 1 : 0, 1));
        if (pageView && e.Page is not null)
            Change(site, new WindowKey(WindowFamily.PageViewsOfPage, second, e.Page), new WindowValue(1));

        CountPresence(e, site, visitor);
        CountSession(e, site, visitor, pageView, _lookedHash);

        site.Events++;
        GridSite.Events++;
        MarkDirty(GridSite);
    }

    /// <summary>
    /// Forgets what no future event can need: sessions that can no longer grow, buckets whose windows can no
    /// longer change, and ids whose duplicates would be late. <paramref name="lateBefore"/> is the time before
    /// which every event still to come is late.
    /// </summary>
    public void Expire(long lateBefore)
    {
        if (lateBefore == long.MinValue) return;
        _looked = null;
        foreach (var site in state.Sites.Values)
        {
            List<string>? gone = null;
            foreach (var (key, visitor) in site.Visitors)
            {
                visitor.Sessions.RemoveAll(s => s.Last + sessionGapMs < lateBefore);
                visitor.Buckets.RemoveAll(b => (b.Bucket + BucketsPerConversionWindow) * WindowShapes.ConversionSlide <= lateBefore);
                visitor.Ids.RemoveAll(id => id.Timestamp < lateBefore);
                if (visitor.IsEmpty) (gone ??= []).Add(key);
            }
            gone?.ForEach(key => site.Visitors.Remove(key));
        }
    }

    /// <summary>Drops the windows of a site that its reducer holds as final and saved (not those changed since).</summary>
    public void Evict(string site, long durableFinal, EventTimeRules rules)
    {
        if (!state.Sites.TryGetValue(site, out var windows)) return;
        foreach (var (key, cell) in windows.Windows)
        {
            if (!cell.Changed && rules.IsFinal(key.Family.ClosesAt(key.Start, sessionGapMs), durableFinal)) windows.Windows.Remove(key);
        }
    }

    /// <summary>Whether some site has changes not yet reported.</summary>
    public bool HasChanges => _dirtySites.Count > 0;

    /// <summary>The sites with changes to report, <c>*</c> among them. Take each site's changes with <see cref="TakeChanges"/>.</summary>
    public string[] TakeDirtySites()
    {
        var names = new string[_dirtySites.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = _dirtySites[i].Name;
            _dirtySites[i].Dirty = false;
        }
        _dirtySites.Clear();
        return names;
    }

    /// <summary>Everything held is to be reported again (after a restart: the reducers may have newer values from before it).</summary>
    public void MarkAllDirty()
    {
        foreach (var name in state.Sites.Keys)
        {
            var site = SiteOf(name);
            foreach (var key in site.Windows.Keys) Touch(site, key);
            MarkDirty(site);
        }
    }

    /// <summary>The changed windows of a site, and its event count; they count as reported once taken.</summary>
    public (WindowEntry[] Windows, long Events) TakeChanges(string site)
    {
        if (!state.Sites.TryGetValue(site, out var windows)) return ([], 0);
        var entries = new WindowEntry[windows.Changed.Count];
        var count = 0;
        foreach (var key in windows.Changed)
        {
            ref var cell = ref CollectionsMarshal.GetValueRefOrNullRef(windows.Windows, key);
            if (Unsafe.IsNullRef(ref cell)) continue;
            cell.Changed = false;
            entries[count++] = new WindowEntry(key, cell.Value);
        }
        windows.Changed.Clear();
        // Evicted windows leave gaps: rare, so the array is cut only then.
        return (count == entries.Length ? entries : entries[..count], windows.Events);
    }

    /// <summary>Puts changes back when reporting them failed.</summary>
    public void Untake(string site, WindowEntry[] windows)
    {
        if (!state.Sites.ContainsKey(site)) return;
        var held = SiteOf(site);
        foreach (var entry in windows) Touch(held, entry.Key);
        MarkDirty(held);
    }

    /// <summary>Every window held for a site, and its event count.</summary>
    public (WindowEntry[] Windows, long Events) Everything(string site) =>
        state.Sites.TryGetValue(site, out var windows)
            ? ([.. windows.Windows.Select(w => new WindowEntry(w.Key, w.Value.Value))], windows.Events)
            : ([], 0);

    private void Look(AnalyticsEvent e)
    {
        if (ReferenceEquals(e, _looked)) return;
        _lookedSite = SiteOf(e.Site);
        _lookedVisitor = _lookedSite.Visitors.GetValueOrDefault(e.Visitor);
        _lookedHash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(e.Id.AsSpan()));
        _looked = e;
    }

    /// <summary>
    /// The 5 s bucket of the event, and the sliding 60 s windows (every 5 s) holding it: the visitor is new to
    /// the ones no other bucket of its already lies in, and newly converted in those no converting bucket does.
    /// A repeat in a bucket the visitor already has (and, for a conversion, converted in) changes nothing.
    /// </summary>
    private void CountPresence(AnalyticsEvent e, SiteWindows site, VisitorState visitor)
    {
        var bucket = WindowShapes.Floor(e.Timestamp, WindowShapes.ConversionSlide) / WindowShapes.ConversionSlide;
        var converts = e.Type == EventType.Conversion;
        var buckets = visitor.Buckets;

        // The nearest buckets before and after this one: present ones, and converting ones.
        int index = -1;
        long before = long.MinValue, after = long.MaxValue, convertedBefore = long.MinValue, convertedAfter = long.MaxValue;
        for (var i = 0; i < buckets.Count; i++)
        {
            var b = buckets[i];
            if (b.Bucket == bucket) index = i;
            else if (b.Bucket < bucket) before = Math.Max(before, b.Bucket);
            else after = Math.Min(after, b.Bucket);
            if (!b.Converted) continue;
            if (b.Bucket <= bucket) convertedBefore = Math.Max(convertedBefore, b.Bucket);
            if (b.Bucket >= bucket) convertedAfter = Math.Min(convertedAfter, b.Bucket);
        }
        var present = index >= 0;
        if (present && (!converts || buckets[index].Converted)) return;

        if (!present)
        {
            Change(site, new WindowKey(WindowFamily.ActiveUsers, bucket * WindowShapes.ConversionSlide), new WindowValue(1));
            buckets.Add(new Presence(bucket, converts));
        }
        else buckets[index] = buckets[index] with { Converted = true };

        // Window starting at bucket f holds buckets f .. f + 11; it held the visitor already when a bucket of it lay in there.
        for (var first = bucket - BucketsPerConversionWindow + 1; first <= bucket; first++)
        {
            var last = first + BucketsPerConversionWindow - 1;
            var newVisitor = !present && before < first && after > last;
            var newConverter = converts && convertedBefore < first && convertedAfter > last;
            if (newVisitor || newConverter)
                Change(site, new WindowKey(WindowFamily.Conversions, first * WindowShapes.ConversionSlide), new WindowValue(newVisitor ? 1 : 0, newConverter ? 1 : 0));
        }
    }

    /// <summary>
    /// Joins the event with every session of the visitor it lies within the gap of (an out-of-order event
    /// can bridge two), and moves the sessions' counts to the window of the merged session's last event.
    /// </summary>
    private void CountSession(AnalyticsEvent e, SiteWindows site, VisitorState visitor, bool pageView, ulong idHash)
    {
        var merged = new Session(e.Timestamp, e.Timestamp, 1, pageView ? 1 : 0, e.Dimensions, idHash);
        var sessions = visitor.Sessions;
        for (var i = sessions.Count - 1; i >= 0; i--)
        {
            var s = sessions[i];
            if (e.Timestamp < s.First - sessionGapMs || e.Timestamp > s.Last + sessionGapMs) continue;
            Change(site, KeyOf(s), WindowValue.Zero - ContributionOf(s));
            var first = s.StartsBefore(merged) ? s : merged;
            merged = new Session(first.First, Math.Max(merged.Last, s.Last), merged.Events + s.Events, merged.PageViews + s.PageViews, first.Dimensions, first.FirstId);
            sessions.RemoveAt(i);
        }
        sessions.Add(merged);
        Change(site, KeyOf(merged), ContributionOf(merged));
    }

    /// <summary>The session of the site's visitor that holds event time <paramref name="timestamp"/>, if the shard still follows it.</summary>
    public Session? SessionAt(string site, string visitor, long timestamp)
    {
        if (!state.Sites.TryGetValue(site, out var windows) || !windows.Visitors.TryGetValue(visitor, out var held)) return null;
        foreach (var s in held.Sessions)
        {
            if (s.First <= timestamp && timestamp <= s.Last) return s;
        }
        return null;
    }

    private static WindowKey KeyOf(Session s) => new(WindowFamily.Sessions, WindowShapes.Floor(s.Last, WindowShapes.SessionsSize));

    private static WindowValue ContributionOf(Session s) => new(1, s.Duration, s.Bounced ? 1 : 0);

    /// <summary>Changes a window of the site and, but for per-page windows, the same window of <c>*</c>.</summary>
    private void Change(SiteWindows site, WindowKey key, WindowValue delta)
    {
        ChangeOne(site, key, delta);
        if (key.Family != WindowFamily.PageViewsOfPage) ChangeOne(GridSite, key, delta);
    }

    /// <summary>One dictionary lookup per change: the value and the changed mark sit together.</summary>
    private void ChangeOne(SiteWindows site, WindowKey key, WindowValue delta)
    {
        ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(site.Windows, key, out _);
        cell.Value += delta;
        if (cell.Changed) return;
        cell.Changed = true;
        site.Changed.Add(key);
        MarkDirty(site);
    }

    private static void Touch(SiteWindows site, WindowKey key)
    {
        ref var cell = ref CollectionsMarshal.GetValueRefOrNullRef(site.Windows, key);
        if (Unsafe.IsNullRef(ref cell) || cell.Changed) return;
        cell.Changed = true;
        site.Changed.Add(key);
    }

    private void MarkDirty(SiteWindows site)
    {
        if (site.Dirty) return;
        site.Dirty = true;
        _dirtySites.Add(site);
    }

    private SiteWindows SiteOf(string name)
    {
        ref var site = ref CollectionsMarshal.GetValueRefOrAddDefault(state.Sites, name, out _);
        site ??= new SiteWindows();
        // Loaded state has no names: they are the keys.
        if (site.Name.Length == 0) site.Name = name;
        return site;
    }
}
