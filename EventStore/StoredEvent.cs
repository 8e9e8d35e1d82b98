using Analytics.Grains.Interfaces.Events;

namespace Analytics.EventStore;

/// <summary>
/// One counted event as the store keeps it. The shard writes it once it has counted the event.
/// </summary>
/// <param name="Site">Lower-case site (never <c>*</c>).</param>
/// <param name="Id">The event's id: (site, id) is the key writes are idempotent by.</param>
/// <param name="Timestamp">Event time, Unix epoch milliseconds.</param>
/// <param name="SessionId">
/// The session the shard put the event in: the session's start time in epoch milliseconds as the shard assigned it
/// (so a session is (site, visitor, session id)). Every event of a session is at most <see cref="StoredEvent.SessionSlack"/>
/// earlier than its session id; the store prunes its scans by that.
/// </param>
/// <param name="Props">At most 32 small entries; numbers as the API wrote them, in invariant form.</param>
/// <param name="Dimensions">
/// The session-scoped audience dimensions as the session's FIRST event carries them (source, utm_*, browser, os,
/// device, country): the shard stamps the values of the session's first event on every later event of the session.
/// <c>entry_page</c> and <c>exit_page</c> are not stamped: the store derives them from the session's page views when
/// it is queried (the exit page is known only once the session ends).
/// </param>
public sealed record StoredEvent(
    string Site,
    string Id,
    EventType Type,
    long Timestamp,
    string Visitor,
    long SessionId,
    string? Page,
    string? Name,
    double? Value,
    IReadOnlyDictionary<string, string>? Props,
    Dimensions Dimensions)
{
    /// <summary>How much earlier than its session id an event of the session may be (MaxOutOfOrderness is 2 s; a wider margin costs little).</summary>
    public static readonly TimeSpan SessionSlack = TimeSpan.FromMinutes(30);
}
