namespace Analytics.Grains.Notifications;

/// <summary>How traffic notifications are kept and sent (configuration section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The most rules one site may have; one more is a 409.</summary>
    public int MaxRulesPerSite { get; set; } = 20;

    /// <summary>How long one POST to a receiver may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries per notice, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the second try; each later wait doubles it.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Notices a silo holds for sending; beyond, new ones are dropped and logged rather than kept in memory.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Notices a silo sends at once, so that slow receivers cannot hold every connection.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 32;

    public IEnumerable<string> Problems()
    {
        if (MaxRulesPerSite is < 1 or > 1_000) yield return "Notifications:MaxRulesPerSite must be between 1 and 1000";
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5)) yield return "Notifications:Timeout must be positive and at most 5 minutes";
        if (MaxAttempts is < 1 or > 20) yield return "Notifications:MaxAttempts must be between 1 and 20";
        if (FirstRetryDelay <= TimeSpan.Zero) yield return "Notifications:FirstRetryDelay must be positive";
        if (QueueCapacity < 1) yield return "Notifications:QueueCapacity must be at least 1";
        if (MaxConcurrentDeliveries < 1) yield return "Notifications:MaxConcurrentDeliveries must be at least 1";
    }
}
