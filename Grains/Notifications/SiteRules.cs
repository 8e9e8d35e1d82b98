using Analytics.Grains.Interfaces.Notifications;
using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Grains.Notifications;

/// <summary>
/// A site's rules over its saved state: keeping them, judging final windows by them, and the one-notice-per-hour
/// rule. Pure logic, no Orleans: the grain around it saves and sends.
/// </summary>
internal sealed class SiteRules(NotificationState state, string site, int maxRules)
{
    /// <summary>A rule sends at most one notice in this long, counted from its last notice (retries of one notice are one).</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromHours(1);

    public const int KeptDeliveries = 50;

    public const long WeekMs = 7 * 24 * 3_600_000L;

    private readonly MinuteRing _minutes = new(state);

    public NotificationRule[] List() => [.. state.Rules.Values.Select(e => e.Rule with { Secret = null }).OrderBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>Stores a rule; without a secret it keeps the one it had, or gets <paramref name="newSecret"/> when new.</summary>
    public RulePut Put(NotificationRule rule, Func<string> newSecret)
    {
        var existing = state.Rules.GetValueOrDefault(rule.Name);
        if (existing is null && state.Rules.Count >= maxRules) return new RulePut(RulePutOutcome.TooMany, null);
        var secret = rule.Secret ?? existing?.Rule.Secret ?? newSecret();
        var entry = existing ?? new RuleEntry();
        // A changed rule is a new question: the hour of quiet belongs to the old one.
        if (existing is not null && existing.Rule with { Secret = null } != rule with { Secret = null }) entry.LastNoticeAt = null;
        entry.Rule = rule with { Secret = secret };
        state.Rules[rule.Name] = entry;
        var shown = rule.Secret is null && existing is not null ? entry.Rule with { Secret = null } : entry.Rule;
        return new RulePut(existing is null ? RulePutOutcome.Created : RulePutOutcome.Replaced, shown);
    }

    public bool Delete(string name) => state.Rules.Remove(name);

    public DeliveryRecord[]? Deliveries(string name) => state.Rules.GetValueOrDefault(name)?.Deliveries.ToArray();

    public void Record(string name, DeliveryRecord delivery)
    {
        if (!state.Rules.TryGetValue(name, out var entry)) return;
        entry.Deliveries.Insert(0, delivery);
        if (entry.Deliveries.Count > KeptDeliveries) entry.Deliveries.RemoveRange(KeptDeliveries, entry.Deliveries.Count - KeptDeliveries);
    }

    /// <summary>
    /// Takes in final windows and answers the notices they call for: per rule, the first window that breaks it,
    /// unless the rule sent one within the last hour. Windows judged before (handed over again) are only kept.
    /// </summary>
    public List<Notice> Observe(TrafficUpdate update, DateTimeOffset now)
    {
        var newMinutes = update.Minutes.Where(m => m.Start > _minutes.NewestMinute).ToList();
        var newVisitors = update.Visitors.Where(v => v.Start >= state.VisitorsJudgedTo).ToList();
        foreach (var minute in update.Minutes) _minutes.Set(minute.Start, minute.Count);
        if (newVisitors.Count > 0) state.VisitorsJudgedTo = newVisitors.Max(v => v.Start) + WindowShapes.ActiveUsersSize;

        var notices = new List<Notice>();
        var at = now.ToUnixTimeMilliseconds();
        foreach (var entry in state.Rules.Values)
        {
            if (entry.LastNoticeAt is { } last && at - last < (long)Quiet.TotalMilliseconds) continue;
            var rule = entry.Rule;
            var payload = rule.Kind.IsFactor() ? FirstMinuteBeyond(rule, newMinutes, at) : FirstVisitorsAbove(rule, newVisitors, at);
            if (payload is null) continue;
            entry.LastNoticeAt = at;
            notices.Add(Notice.Of(payload, rule.Url, rule.Secret!));
        }
        return notices;
    }

    private NoticePayload? FirstVisitorsAbove(NotificationRule rule, List<WindowCount> windows, long at) =>
        windows.Where(w => w.Count > rule.Limit).Select(w => Payload(rule, w, WindowShapes.ActiveUsersSize, rule.Limit, null, at)).FirstOrDefault();

    /// <summary>
    /// A minute beyond its factor of the same minute a week earlier. An unknown minute, or one without page views,
    /// gives nothing to compare with: the rule stays quiet rather than guess.
    /// </summary>
    private NoticePayload? FirstMinuteBeyond(NotificationRule rule, List<WindowCount> minutes, long at)
    {
        foreach (var minute in minutes)
        {
            if (_minutes.Get(minute.Start - WeekMs) is not { } lastWeek || lastWeek == 0) continue;
            var threshold = rule.Limit * lastWeek;
            var beyond = rule.Kind == RuleKind.PageViewsPerMinuteAbove ? minute.Count > threshold : minute.Count < threshold;
            if (beyond) return Payload(rule, minute, MinuteRing.Minute, threshold, lastWeek, at);
        }
        return null;
    }

    private NoticePayload Payload(NotificationRule rule, WindowCount window, long size, double threshold, long? lastWeek, long at) =>
        new(Guid.NewGuid().ToString("N"), site, rule.Name, rule.Kind.NameOf(), window.Count, threshold, window.Start, window.Start + size,
            rule.Kind.IsFactor() ? rule.Limit : null, lastWeek, at);
}
