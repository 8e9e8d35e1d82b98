using Analytics.Grains.Interfaces.Notifications;

namespace Analytics.Grains.Notifications;

/// <summary>What a site's notification grain saves: its rules with their history, and a week of page views per minute.</summary>
[GenerateSerializer]
internal sealed class NotificationState
{
    [Id(0)] public Dictionary<string, RuleEntry> Rules { get; set; } = [];

    /// <summary>Page views per minute, a ring indexed by minute (see <see cref="MinuteRing"/>); -1 where unknown.</summary>
    [Id(1)] public int[] Minutes { get; set; } = [];

    /// <summary>The start of the newest minute in <see cref="Minutes"/>.</summary>
    [Id(2)] public long NewestMinute { get; set; } = long.MinValue;

    /// <summary>Active-users windows starting before this were judged already (a reducer hands over its last hour again when it restarts).</summary>
    [Id(3)] public long VisitorsJudgedTo { get; set; } = long.MinValue;
}

[GenerateSerializer]
internal sealed class RuleEntry
{
    /// <summary>The rule, secret included.</summary>
    [Id(0)] public NotificationRule Rule { get; set; } = null!;

    /// <summary>When the last notice was sent (ms): the hour without another is counted from it.</summary>
    [Id(1)] public long? LastNoticeAt { get; set; }

    /// <summary>The latest deliveries, newest first.</summary>
    [Id(2)] public List<DeliveryRecord> Deliveries { get; set; } = [];
}
