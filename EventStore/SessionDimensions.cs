namespace Analytics.EventStore;

/// <summary>The session-scoped dimensions of METRICS.md §3b that an event carries; an absent value is <c>(none)</c>.</summary>
public sealed record SessionDimensions(
    string Source,
    string UtmSource,
    string UtmMedium,
    string UtmCampaign,
    string Browser,
    string Os,
    string Device,
    string Country)
{
    public const string None = "(none)";

    public static readonly SessionDimensions Absent = new(None, None, None, None, None, None, None, None);
}
