namespace Analytics.Enrichment.UserAgents;

/// <summary>One of uap-core's three parser lists (browsers, operating systems, devices): the first rule that matches wins.</summary>
internal sealed class UapRuleList(IReadOnlyList<UapRule> rules)
{
    /// <summary>What uap-core calls a user agent that no rule matches (or one whose rule names an empty family).</summary>
    public const string Other = "Other";

    public int Count => rules.Count;

    public string Family(string userAgent)
    {
        foreach (var rule in rules)
        {
            if (rule.Family(userAgent) is { } family) return family.Length == 0 ? Other : family;
        }
        return Other;
    }
}
