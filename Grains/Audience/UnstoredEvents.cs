using Analytics.EventStore;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Shards;

namespace Analytics.Grains.Audience;

/// <summary>
/// Counted events on their way to the event store. An event goes there with its session: the session's start (its id)
/// and the session-scoped dimensions of its first event. Both are settled once the session's start lies before the
/// shard's <c>lateBefore</c>: every event still to come before it is late, so none can start the session earlier or
/// join it to an earlier one. Until then the event waits in <see cref="ShardState.Unstored"/>, which every checkpoint
/// saves; after it, the store holds the event exactly as any replay would write it again.
/// </summary>
internal static class UnstoredEvents
{
    /// <summary>
    /// Removes from <see cref="ShardState.Unstored"/> the events whose session start is settled, and returns them as the
    /// store keeps them. An event whose session the shard no longer follows stays (it cannot happen: a session is
    /// forgotten only after its start is settled, and this runs before).
    /// </summary>
    public static List<StoredEvent> TakeSettled(ShardState state, ShardWindows windows, long lateBefore)
    {
        var settled = new List<StoredEvent>();
        if (lateBefore == long.MinValue || state.Unstored.Count == 0) return settled;
        var kept = 0;
        var unstored = state.Unstored;
        for (var i = 0; i < unstored.Count; i++)
        {
            var e = unstored[i];
            if (windows.SessionAt(e.Site, e.Visitor, e.Timestamp) is { } session && session.First < lateBefore)
                settled.Add(Stored(e, session));
            else
                unstored[kept++] = e;
        }
        unstored.RemoveRange(kept, unstored.Count - kept);
        return settled;
    }

    /// <summary>The event as the store keeps it: in its session, with the session's dimensions.</summary>
    public static StoredEvent Stored(AnalyticsEvent e, Session session) => new(
        e.Site, e.Id, e.Type, e.Timestamp, e.Visitor, session.First, e.Page, e.Name, e.Value,
        e.Props?.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal), session.Dimensions);
}
