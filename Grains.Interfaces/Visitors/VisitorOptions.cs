namespace Analytics.Grains.Interfaces.Visitors;

/// <summary>Cookieless visitors (METRICS.md §3b; configuration section <c>Visitors</c>), read by the API hosts.</summary>
public sealed class VisitorOptions
{
    public const string Section = "Visitors";

    public static readonly TimeSpan DEFAULT_SALT_PERIOD = TimeSpan.FromDays(1);
    public static readonly TimeSpan MIN_SALT_PERIOD = TimeSpan.FromHours(1);
    public static readonly TimeSpan MAX_SALT_PERIOD = TimeSpan.FromDays(31);

    /// <summary>An event without <c>visitor</c> gets one derived from the salt, site, client address and user agent; off: it is a 400.</summary>
    public bool Cookieless { get; set; }

    /// <summary>How long one salt lasts (periods are aligned to the Unix epoch: a day runs from midnight UTC).</summary>
    public TimeSpan SaltPeriod { get; set; } = DEFAULT_SALT_PERIOD;

    public IEnumerable<string> Problems()
    {
        if (SaltPeriod < MIN_SALT_PERIOD || SaltPeriod > MAX_SALT_PERIOD)
            yield return "Visitors:SaltPeriod must be between 1 hour and 31 days";
    }
}
