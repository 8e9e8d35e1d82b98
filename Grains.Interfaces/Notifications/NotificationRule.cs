namespace Analytics.Grains.Interfaces.Notifications;

/// <summary>What a rule watches: live visitors against a number, or page views per minute against the same minute a week earlier.</summary>
public enum RuleKind : byte
{
    VisitorsAbove = 1,
    PageViewsPerMinuteAbove = 2,
    PageViewsPerMinuteBelow = 3,
}

/// <summary>
/// A site owner's rule: notify <see cref="Url"/> when <see cref="Kind"/> holds against <see cref="Limit"/> (a number of
/// visitors, or a factor of last week's page views).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NotificationRule(
    [property: Id(0)] string Name,
    [property: Id(1)] string Url,
    [property: Id(2)] RuleKind Kind,
    [property: Id(3)] double Limit,
    [property: Id(4)] string? Secret = null);

public enum RulePutOutcome : byte
{
    Created = 1,
    Replaced = 2,
    TooMany = 3,
}

/// <summary>The answer to a put: the stored rule, and its secret only when this put set it.</summary>
[GenerateSerializer, Immutable]
public sealed record RulePut([property: Id(0)] RulePutOutcome Outcome, [property: Id(1)] NotificationRule? Rule);

/// <summary>One notice's delivery: when it ended, how many tries, and the last answer (an HTTP status) or error.</summary>
[GenerateSerializer, Immutable]
public sealed record DeliveryRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] long At,
    [property: Id(2)] int Attempts,
    [property: Id(3)] int? Status,
    [property: Id(4)] string? Error,
    [property: Id(5)] bool Succeeded);

/// <summary>A final window's count: active visitors of a 5 s window, or page views of a minute.</summary>
[GenerateSerializer, Immutable]
public readonly record struct WindowCount([property: Id(0)] long Start, [property: Id(1)] long Count);

/// <summary>
/// A site's final windows since the last update: every active-users window that exists, and every complete minute
/// of page views (0 for a minute without any).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrafficUpdate([property: Id(0)] WindowCount[] Visitors, [property: Id(1)] WindowCount[] Minutes);
