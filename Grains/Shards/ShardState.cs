using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Streaming.Kafka.Consumers;

namespace Analytics.Grains.Shards;

/// <summary>
/// Everything a shard grain saves, in one write: its stream position, the state of its visitors, the
/// windows it has not yet handed on for good, and the late events not yet on the late-events topic.
/// Counting and de-duplication state live in the same write as the offsets they account for.
/// Stored in the form <see cref="ShardStateFormat"/> gives it.
/// </summary>
internal sealed class ShardState
{
    public StreamCheckpoint Stream { get; set; } = new();

    /// <summary>By site, and <c>*</c> for the sum over all of them.</summary>
    public Dictionary<string, SiteWindows> Sites { get; set; } = [];

    public List<AnalyticsEvent> LateEvents { get; set; } = [];

    /// <summary>
    /// Counted events not yet handed to the event store: their session may still gain an earlier first event, so its
    /// start and dimensions are not settled (<see cref="Audience.UnstoredEvents"/>).
    /// </summary>
    public List<AnalyticsEvent> Unstored { get; set; } = [];

    public int VisitorCount => Sites.Values.Sum(s => s.Visitors.Count);
}

/// <summary>
/// A site's windows as this shard counts them, its counted events, and its visitors (by visitor id; the
/// <c>*</c> site has none).
/// </summary>
internal sealed class SiteWindows
{
    public Dictionary<WindowKey, WindowCell> Windows { get; set; } = [];

    public long Events { get; set; }

    public Dictionary<string, VisitorState> Visitors { get; set; } = [];

    /// <summary>Windows changed since they were last taken for reporting, in the order they first changed.</summary>
    public List<WindowKey> Changed => _changed ??= [];

    private List<WindowKey>? _changed;

    /// <summary>The site's name (not saved: it is the key this sits under).</summary>
    public string Name = "";

    /// <summary>Whether the site waits among the shard's sites with changes to report.</summary>
    public bool Dirty;
}

/// <summary>A window's value, and whether it waits in <see cref="SiteWindows.Changed"/> (not saved).</summary>
internal struct WindowCell
{
    public WindowValue Value;

    public bool Changed;
}

/// <summary>
/// One visitor's state: its open sessions, the 5 s buckets it was seen in (and converted in) while
/// windows holding them can still change, and the ids of its recent events for de-duplication.
/// </summary>
internal sealed class VisitorState
{
    public List<Session> Sessions { get; set; } = [];

    public List<Presence> Buckets { get; set; } = [];

    public List<SeenId> Ids { get; set; } = [];

    public bool IsEmpty => Sessions.Count == 0 && Buckets.Count == 0 && Ids.Count == 0;
}

/// <summary>
/// A run of a visitor's events with no gap longer than the session gap. <paramref name="Dimensions"/> are the
/// session-scoped dimensions of its first event: the earliest, and among events of the same millisecond the one whose
/// id hashes lowest (<paramref name="FirstId"/>, the id's hash as de-duplication takes it).
/// </summary>
internal readonly record struct Session(
    long First, long Last, int Events, int PageViews, Dimensions Dimensions, ulong FirstId)
{
    public long Duration => Last - First;

    /// <summary>Exactly one page view and no other event.</summary>
    public bool Bounced => Events == 1 && PageViews == 1;

    /// <summary>Whether this session's first event comes before <paramref name="other"/>'s.</summary>
    public bool StartsBefore(Session other) => First < other.First || (First == other.First && FirstId < other.FirstId);
}

/// <summary>A 5 s bucket (its index since the epoch) a visitor had an event in, and whether one was a conversion.</summary>
internal readonly record struct Presence(long Bucket, bool Converted);

/// <summary>An event id, as a 64-bit hash, with its event time (it is forgotten once a duplicate would be late anyway).</summary>
internal readonly record struct SeenId(ulong Hash, long Timestamp);
