namespace Analytics.Grains.Interfaces.Events;

/// <summary>
/// One accepted event, in canonical form: the site is lower case, the time is resolved, and the page
/// is derived from the URL once, at ingestion. This is what travels on Kafka and through the grains.
/// </summary>
/// <param name="Id">Unique per event; the key for de-duplication.</param>
/// <param name="Timestamp">Event time, Unix epoch milliseconds (UTC).</param>
/// <param name="Page">The URL's path (see <see cref="PagePath"/>), or null when the event has no URL.</param>
/// <param name="IngestedAtMicros">When the ingestion endpoint accepted the event, Unix epoch microseconds: the start of the pipeline latency.</param>
[GenerateSerializer, Immutable]
public sealed record AnalyticsEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] EventType Type,
    [property: Id(2)] string Site,
    [property: Id(3)] string Visitor,
    [property: Id(4)] long Timestamp,
    [property: Id(5)] string? Url,
    [property: Id(6)] string? Page,
    [property: Id(7)] string? Referrer,
    [property: Id(8)] double? Value,
    [property: Id(9)] IReadOnlyDictionary<string, PropertyValue>? Props,
    [property: Id(10)] long IngestedAtMicros)
{
    [Id(11)]
    private readonly Dimensions? _dimensions;

    /// <summary>
    /// The audience dimensions ingestion derived for the event (METRICS.md §3b), carried on Kafka so that a replay
    /// answers as the first reading did; <see cref="Dimensions.Unknown"/> when nobody derived any. Never null, also
    /// for an event from a silo that predates them (Orleans creates records without running their initializers);
    /// held as null when unknown, so that an event compares equal however it was made.
    /// </summary>
    public Dimensions Dimensions
    {
        get => _dimensions ?? Dimensions.Unknown;
        init => _dimensions = value == Dimensions.Unknown ? null : value;
    }

    /// <summary>
    /// The user agent the event was judged by (its <c>userAgent</c>, else its request's, which ingestion fills in), at
    /// most 512 characters; null when it had none.
    /// </summary>
    [Id(12)]
    public string? UserAgent { get; init; }

    /// <summary>
    /// A bot sent it (METRICS.md §3b). It is on Kafka like any other event and feeds its partition's watermark, but it
    /// counts in no metric: shards skip it.
    /// </summary>
    [Id(13)]
    public bool Bot { get; init; }

    /// <summary>The name of a <c>custom</c> event (goals match it), 1..64 characters; null when the client sent none.</summary>
    [Id(14)]
    public string? Name { get; init; }

    /// <summary>
    /// The visitor of an event that came without one where cookieless visitors are on, between validation and
    /// ingestion, which derives the visitor (METRICS.md §3b) before the event goes anywhere. No client can send it: a
    /// <c>visitor</c> has at least one character.
    /// </summary>
    public const string NoVisitor = "";

    /// <summary>The Kafka message key: one visitor of one site always lands in one partition, in order.</summary>
    public string PartitionKey => KeyOf(Site, Visitor);

    public static string KeyOf(string site, string visitor) => string.Concat(site, "/", visitor);
}
