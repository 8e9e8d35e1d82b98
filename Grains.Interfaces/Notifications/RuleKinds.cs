namespace Analytics.Grains.Interfaces.Notifications;

/// <summary>The names rule kinds have in the API, the payload and the README: one place for them.</summary>
public static class RuleKinds
{
    private static readonly Dictionary<RuleKind, string> Names = new()
    {
        [RuleKind.VisitorsAbove] = "visitors_above",
        [RuleKind.PageViewsPerMinuteAbove] = "pageviews_per_minute_above",
        [RuleKind.PageViewsPerMinuteBelow] = "pageviews_per_minute_below",
    };

    public static IEnumerable<string> All => Names.Values;

    public static string NameOf(this RuleKind kind) => Names[kind];

    public static bool TryParse(string? name, out RuleKind kind)
    {
        kind = Names.FirstOrDefault(k => k.Value == name).Key;
        return kind != default;
    }

    /// <summary>True for the kinds whose limit is a factor of the same minute a week earlier, not a count.</summary>
    public static bool IsFactor(this RuleKind kind) => kind != RuleKind.VisitorsAbove;
}
