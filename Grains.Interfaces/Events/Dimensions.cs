namespace Analytics.Grains.Interfaces.Events;

/// <summary>
/// The session-scoped dimensions of one event, derived once at ingestion (METRICS.md §3b) so that Kafka carries them
/// and a replay gives the same answers. Every value is set: an absent one is <see cref="None"/>.
/// </summary>
/// <param name="Source">The referrer's name from the referrer list, else its host without <c>www.</c>; <see cref="DirectNone"/> for none or the site itself.</param>
/// <param name="Browser">uap-core's user-agent family, without version (<c>Chrome</c>, <c>Mobile Safari</c>).</param>
/// <param name="Os">uap-core's OS family, without version (<c>Windows</c>, <c>iOS</c>, <c>Mac OS X</c>).</param>
/// <param name="Device"><c>desktop</c>, <c>mobile</c> or <c>tablet</c>.</param>
/// <param name="Country">ISO 3166-1 alpha-2, upper case, when a country database is configured.</param>
[GenerateSerializer, Immutable]
public sealed record Dimensions(
    [property: Id(0)] string Source,
    [property: Id(1)] string UtmSource,
    [property: Id(2)] string UtmMedium,
    [property: Id(3)] string UtmCampaign,
    [property: Id(4)] string Browser,
    [property: Id(5)] string Os,
    [property: Id(6)] string Device,
    [property: Id(7)] string Country)
{
    /// <summary>The value of a dimension the event does not have.</summary>
    public const string None = "(none)";

    /// <summary>The source of a visit without a referrer, or referred by the site itself.</summary>
    public const string DirectNone = "Direct / None";

    /// <summary>
    /// The dimensions of an event nobody derived any for: written to Kafka before ingestion derived them, or
    /// produced straight to the topic (the load generator, tests).
    /// </summary>
    public static readonly Dimensions Unknown = new(None, None, None, None, None, None, None, None);
}
