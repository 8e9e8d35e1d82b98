namespace Analytics.Enrichment;

/// <summary>
/// The session-scoped dimensions of one event, derived once at ingestion (METRICS.md §3b) so that Kafka carries them
/// and a replay gives the same answers. Every value is set: an absent one is <see cref="None"/>.
/// </summary>
/// <param name="Source">The referrer's name from the referrer list, else its host without <c>www.</c>; <see cref="DirectNone"/> for none or the site itself.</param>
/// <param name="Browser">uap-core's user-agent family, without version (<c>Chrome</c>, <c>Mobile Safari</c>).</param>
/// <param name="Os">uap-core's OS family, without version (<c>Windows</c>, <c>iOS</c>, <c>Mac OS X</c>).</param>
/// <param name="Device"><c>desktop</c>, <c>mobile</c> or <c>tablet</c> (see <see cref="UserAgents.DeviceKind"/>).</param>
/// <param name="Country">ISO 3166-1 alpha-2, upper case, when a country database is configured.</param>
public sealed record Dimensions(
    string Source,
    string UtmSource,
    string UtmMedium,
    string UtmCampaign,
    string Browser,
    string Os,
    string Device,
    string Country)
{
    /// <summary>The value of a dimension the event does not have.</summary>
    public const string None = "(none)";

    /// <summary>The source of a visit without a referrer, or referred by the site itself.</summary>
    public const string DirectNone = "Direct / None";
}
