using Analytics.Grains.Interfaces.Events;

namespace Analytics.Reference;

/// <summary>
/// An event as the breakdown reference reads it: its OWN dimensions (source, utm_*, browser, os, device, country by name);
/// <see cref="ReferenceGoals"/> also reads its name and value.
/// </summary>
public sealed record AudienceEvent(
    string Site, string Id, EventType Type, long Timestamp, string Visitor, string? Page,
    IReadOnlyDictionary<string, string>? Props, IReadOnlyDictionary<string, string> Dimensions,
    string? Name = null, double? Value = null);

/// <summary>One breakdown row as the contract defines it (METRICS.md §3b, §5).</summary>
public sealed record ReferenceRow(string Value, long Visitors, long Pageviews, double BounceRate, double VisitDuration);

/// <summary>
/// Breakdowns and distinct visitors (METRICS.md §3b and §5) computed the plain way: events de-duplicated by (site, id),
/// sessions split by the gap per (site, visitor), session-scoped values from the session's first event (ties in time: see below) (entry page:
/// its first page view, exit page: its last), event-scoped values (page, prop:*) from each event. It shares no code
/// with the event store: names are written out here as the contract spells them.
/// </summary>
public sealed class ReferenceBreakdown
{
    private const string None = "(none)";
    private static readonly HashSet<string> SessionScoped =
        ["source", "utm_source", "utm_medium", "utm_campaign", "browser", "os", "device", "country", "entry_page", "exit_page"];

    private readonly List<(AudienceEvent Event, Session Session)> _events = [];

    public ReferenceBreakdown(IEnumerable<AudienceEvent> log, long sessionGapMs)
    {
        var seen = new HashSet<(string, string)>();
        var unique = log.Where(e => seen.Add((e.Site, e.Id)));
        foreach (var visitor in unique.GroupBy(e => (e.Site, e.Visitor)))
        {
            // Events of the same millisecond: the one whose id hashes lowest comes first (XxHash3 of the id's UTF-16), as the grid orders them.
            var ordered = visitor.OrderBy(e => e.Timestamp).ThenBy(e => IdHash(e.Id)).ToList();
            var run = new List<AudienceEvent>();
            for (var i = 0; i <= ordered.Count; i++)
            {
                if (i == ordered.Count || (run.Count > 0 && ordered[i].Timestamp - run[^1].Timestamp > sessionGapMs))
                {
                    var session = new Session(run);
                    foreach (var e in run) _events.Add((e, session));
                    run = [];
                }
                if (i < ordered.Count) run.Add(ordered[i]);
            }
        }
    }

    public IReadOnlyList<ReferenceRow> Breakdown(string site, string dimension, long from, long to, IReadOnlyList<(string Dimension, string Value)> filters, int limit)
    {
        var rows = new Dictionary<string, (HashSet<(string, string)> Visitors, HashSet<Session> Sessions, long Pageviews)>();
        foreach (var (e, session) in Matching(site, from, to, filters))
        {
            var value = ValueOf(e, session, dimension);
            if (!rows.TryGetValue(value, out var row)) row = ([], [], 0);
            row.Visitors.Add((e.Site, e.Visitor));
            row.Sessions.Add(session);
            if (e.Type == EventType.PageView) row.Pageviews++;
            rows[value] = row;
        }
        return rows
            .Select(r => new ReferenceRow(r.Key, r.Value.Visitors.Count, r.Value.Pageviews,
                r.Value.Sessions.Count(s => s.Bounce) / (double)r.Value.Sessions.Count,
                r.Value.Sessions.Sum(s => (double)s.Duration) / r.Value.Sessions.Count))
            .OrderByDescending(r => r.Visitors).ThenBy(r => r.Value, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    public long Visitors(string site, long from, long to, IReadOnlyList<(string Dimension, string Value)> filters) =>
        Matching(site, from, to, filters).Select(m => (m.Event.Site, m.Event.Visitor)).Distinct().LongCount();

    /// <summary>The counted events of the range that match every filter, with their sessions, a visitor's in time order.</summary>
    internal IEnumerable<(AudienceEvent Event, Session Session)> Matching(string site, long from, long to, IReadOnlyList<(string Dimension, string Value)> filters) =>
        _events.Where(m => (site == "*" || m.Event.Site == site) && m.Event.Timestamp >= from && m.Event.Timestamp < to
            && filters.All(f => ValueOf(m.Event, m.Session, f.Dimension) == f.Value));

    private static string ValueOf(AudienceEvent e, Session session, string dimension)
    {
        if (dimension == "entry_page") return session.EntryPage;
        if (dimension == "exit_page") return session.ExitPage;
        if (SessionScoped.Contains(dimension)) return session.First.Dimensions.TryGetValue(dimension, out var v) ? v : None;
        if (dimension == "page") return e.Page ?? None;
        if (dimension.StartsWith("prop:", StringComparison.Ordinal))
            return e.Props is not null && e.Props.TryGetValue(dimension["prop:".Length..], out var p) ? p : None;
        throw new ArgumentException($"not a dimension: {dimension}");
    }

    private static ulong IdHash(string id) => System.IO.Hashing.XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(id.AsSpan()));

    internal sealed class Session(List<AudienceEvent> events)
    {
        public AudienceEvent First { get; } = events[0];
        public long Duration { get; } = events[^1].Timestamp - events[0].Timestamp;
        public bool Bounce { get; } = events.Count == 1 && events[0].Type == EventType.PageView;
        public string EntryPage { get; } = events.FirstOrDefault(e => e.Type == EventType.PageView)?.Page ?? None;
        public string ExitPage { get; } = events.LastOrDefault(e => e.Type == EventType.PageView)?.Page ?? None;
    }
}
