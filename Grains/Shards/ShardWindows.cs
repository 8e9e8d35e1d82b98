using System.IO.Hashing;
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
    private readonly Dictionary<string, HashSet<WindowKey>> _dirty = [];
    private readonly HashSet<string> _dirtySites = [];

    public ShardState State => state;

    /// <summary>No visitor to follow and no window to hand on: only the event counts per site remain.</summary>
    public bool IsIdle => state.Visitors.Count == 0 && state.Sites.Values.All(s => s.Windows.Count == 0);

    /// <summary>Whether the visitor already had an event with this id (one not yet old enough to be late anyway).</summary>
    public bool IsDuplicate(AnalyticsEvent e)
    {
        if (!state.Visitors.TryGetValue(e.PartitionKey, out var visitor)) return false;
        // Plain loops on the per-event path: a lambda here allocated a closure per event and hashed the id per entry.
        var hash = HashOf(e.Id);
        foreach (var id in visitor.Ids)
        {
            if (id.Hash == hash) return true;
        }
        return false;
    }

    /// <summary>Counts an event (neither late nor a duplicate) in every window it belongs to.</summary>
    public void Apply(AnalyticsEvent e)
    {
        ref var visitor = ref CollectionsMarshal.GetValueRefOrAddDefault(state.Visitors, e.PartitionKey, out _);
        visitor ??= new VisitorState();
        visitor.Ids.Add(new SeenId(HashOf(e.Id), e.Timestamp));

        var site = SiteOf(e.Site);
        var pageView = e.Type == EventType.PageView;
        var second = WindowShapes.Floor(e.Timestamp, WindowShapes.Second);
        Add(e.Site, site, new WindowKey(WindowFamily.PageViews, second), new WindowValue(pageView ? 1 : 0, 1));
        if (pageView && e.Page is not null)
            Add(e.Site, site, new WindowKey(WindowFamily.PageViewsOfPage, second, e.Page), new WindowValue(1));

        CountPresence(e, site, visitor);
        CountSession(e, site, visitor, pageView);

        site.Events++;
        SiteOf(SiteName.All).Events++;
        _dirtySites.Add(e.Site);
        _dirtySites.Add(SiteName.All);
    }

    /// <summary>
    /// Forgets what no future event can need: sessions that can no longer grow, buckets whose windows can no
    /// longer change, and ids whose duplicates would be late. <paramref name="lateBefore"/> is the time before
    /// which every event still to come is late.
    /// </summary>
    public void Expire(long lateBefore)
    {
        if (lateBefore == long.MinValue) return;
        List<string>? gone = null;
        foreach (var (key, visitor) in state.Visitors)
        {
            visitor.Sessions.RemoveAll(s => s.Last + sessionGapMs < lateBefore);
            visitor.Buckets.RemoveAll(b => (b.Bucket + BucketsPerConversionWindow) * WindowShapes.ConversionSlide <= lateBefore);
            visitor.Ids.RemoveAll(id => id.Timestamp < lateBefore);
            if (visitor.IsEmpty) (gone ??= []).Add(key);
        }
        gone?.ForEach(key => state.Visitors.Remove(key));
    }

    /// <summary>Drops the windows of a site that its reducer holds as final and saved.</summary>
    public void Evict(string site, long durableFinal, long allowedLatenessMs)
    {
        if (!state.Sites.TryGetValue(site, out var windows)) return;
        foreach (var key in windows.Windows.Keys.Where(k => k.Family.ClosesAt(k.Start, sessionGapMs) + allowedLatenessMs <= durableFinal).ToList())
        {
            windows.Windows.Remove(key);
            if (_dirty.TryGetValue(site, out var dirty)) dirty.Remove(key);
        }
    }

    /// <summary>Sites with changes not yet reported.</summary>
    public IReadOnlyCollection<string> DirtySites => _dirtySites;

    /// <summary>Everything held is to be reported again (after a restart: the reducers may have newer values from before it).</summary>
    public void MarkAllDirty()
    {
        foreach (var (site, windows) in state.Sites)
        {
            _dirtySites.Add(site);
            DirtyOf(site).UnionWith(windows.Windows.Keys);
        }
    }

    /// <summary>The changed windows of a site, and its event count; they count as reported once taken.</summary>
    public (WindowEntry[] Windows, long Events) TakeChanges(string site)
    {
        _dirtySites.Remove(site);
        var windows = state.Sites.GetValueOrDefault(site);
        if (!_dirty.Remove(site, out var keys) || windows is null) return ([], windows?.Events ?? 0);
        return ([.. keys.Select(k => new WindowEntry(k, windows.Windows.GetValueOrDefault(k)))], windows.Events);
    }

    /// <summary>Puts changes back when reporting them failed.</summary>
    public void Untake(string site, WindowEntry[] windows)
    {
        _dirtySites.Add(site);
        DirtyOf(site).UnionWith(windows.Select(w => w.Key));
    }

    /// <summary>Every window held for a site, and its event count.</summary>
    public (WindowEntry[] Windows, long Events) Everything(string site) =>
        state.Sites.TryGetValue(site, out var windows)
            ? ([.. windows.Windows.Select(w => new WindowEntry(w.Key, w.Value))], windows.Events)
            : ([], 0);

    private void CountPresence(AnalyticsEvent e, SiteWindows site, VisitorState visitor)
    {
        var bucket = WindowShapes.Floor(e.Timestamp, WindowShapes.ConversionSlide) / WindowShapes.ConversionSlide;
        var converts = e.Type == EventType.Conversion;
        var buckets = visitor.Buckets;

        var index = IndexOf(buckets, bucket);
        if (index < 0)
            Add(e.Site, site, new WindowKey(WindowFamily.ActiveUsers, bucket * WindowShapes.ConversionSlide), new WindowValue(1));

        // The sliding windows holding this bucket start at most 11 slides earlier; the visitor is new to one
        // of them (or newly converted in it) when no bucket of that window already says so.
        for (var first = bucket - BucketsPerConversionWindow + 1; first <= bucket; first++)
        {
            var last = first + BucketsPerConversionWindow - 1;
            var (present, converted) = Within(buckets, first, last);
            var delta = new WindowValue(present ? 0 : 1, converts && !converted ? 1 : 0);
            if (!delta.IsZero) Add(e.Site, site, new WindowKey(WindowFamily.Conversions, first * WindowShapes.ConversionSlide), delta);
        }

        if (index < 0) buckets.Add(new Presence(bucket, converts));
        else if (converts) buckets[index] = buckets[index] with { Converted = true };
    }

    /// <summary>
    /// Joins the event with every session of the visitor it lies within the gap of (an out-of-order event
    /// can bridge two), and moves the sessions' counts to the window of the merged session's last event.
    /// </summary>
    private void CountSession(AnalyticsEvent e, SiteWindows site, VisitorState visitor, bool pageView)
    {
        var merged = new Session(e.Timestamp, e.Timestamp, 1, pageView ? 1 : 0);
        var sessions = visitor.Sessions;
        for (var i = sessions.Count - 1; i >= 0; i--)
        {
            var s = sessions[i];
            if (e.Timestamp < s.First - sessionGapMs || e.Timestamp > s.Last + sessionGapMs) continue;
            Add(e.Site, site, KeyOf(s), ContributionOf(s), subtract: true);
            merged = new Session(Math.Min(merged.First, s.First), Math.Max(merged.Last, s.Last), merged.Events + s.Events, merged.PageViews + s.PageViews);
            sessions.RemoveAt(i);
        }
        sessions.Add(merged);
        Add(e.Site, site, KeyOf(merged), ContributionOf(merged));
    }

    private static WindowKey KeyOf(Session s) => new(WindowFamily.Sessions, WindowShapes.Floor(s.Last, WindowShapes.SessionsSize));

    private static WindowValue ContributionOf(Session s) => new(1, s.Duration, s.Bounced ? 1 : 0);

    private void Add(string siteName, SiteWindows site, WindowKey key, WindowValue delta, bool subtract = false)
    {
        Change(siteName, site, key, delta, subtract);
        if (key.Family != WindowFamily.PageViewsOfPage) Change(SiteName.All, SiteOf(SiteName.All), key, delta, subtract);
    }

    private void Change(string siteName, SiteWindows site, WindowKey key, WindowValue delta, bool subtract)
    {
        ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(site.Windows, key, out _);
        value = subtract ? value - delta : value + delta;
        DirtyOf(siteName).Add(key);
    }

    private HashSet<WindowKey> DirtyOf(string site)
    {
        ref var keys = ref CollectionsMarshal.GetValueRefOrAddDefault(_dirty, site, out _);
        return keys ??= [];
    }

    private SiteWindows SiteOf(string site)
    {
        ref var windows = ref CollectionsMarshal.GetValueRefOrAddDefault(state.Sites, site, out _);
        return windows ??= new SiteWindows();
    }

    private static int IndexOf(List<Presence> buckets, long bucket)
    {
        for (var i = 0; i < buckets.Count; i++)
        {
            if (buckets[i].Bucket == bucket) return i;
        }
        return -1;
    }

    /// <summary>Whether the visitor was present in the buckets <paramref name="first"/> to <paramref name="last"/>, and converted in one.</summary>
    private static (bool Present, bool Converted) Within(List<Presence> buckets, long first, long last)
    {
        var present = false;
        foreach (var b in buckets)
        {
            if (b.Bucket < first || b.Bucket > last) continue;
            if (b.Converted) return (true, true);
            present = true;
        }
        return (present, false);
    }

    private static ulong HashOf(string id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));
}
