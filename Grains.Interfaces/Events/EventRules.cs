namespace Analytics.Grains.Interfaces.Events;

/// <summary>The limits of the event contract (METRICS.md §1), with the few this project adds, in one place.</summary>
public static class EventRules
{
    public const int IdMaxLength = 64;
    public const int VisitorMaxLength = 128;
    public const int PropsMaxEntries = 32;
    public const int PropKeyMaxLength = 64;
    public const int PropValueMaxLength = 256;
    public const int UserAgentMaxLength = 512;
    public const int NameMaxLength = 64;
    public const int MaxEventsPerRequest = 1000;

    // Added by this project: bounded state per page and per event (see README, "Event contract").
    public const int UrlMaxLength = 2048;
    public const int ReferrerMaxLength = 2048;
    public const int MaxJsonDepth = 8;

    /// <summary>The latest event time RFC 3339 can write (9999-12-31T23:59:59.999Z).</summary>
    public const long MaxTimestamp = 253_402_300_799_999;
}
