namespace Analytics.Sinks.InfluxDb.Tests.Infrastructure;

/// <summary>Strings users can send that line protocol and InfluxQL must carry exactly (see MetricPointRulesTests for the refused ones).</summary>
public static class Hostile
{
    public static readonly IReadOnlyList<string> Strings =
    [
        "plain",
        "a,b", "a b", "a=b", ",", " ", "=", "  leading and trailing  ",
        "\"double\"", "'single'", "\"", "'", "it's \"quoted\"",
        "C:\\temp\\x", "back\\slash", "\\'", "a\\b\\c",
        "shop.example.com/p?q=1&r=2#frag", "/path/with spaces,commas=equals",
        "żółć 日本語 Ελληνικά עברית", "🚀 👩‍👩‍👧 \u200b zero width", "\ufeffbom",
        "'; DROP DATABASE analytics; --", "x' OR '1'='1", "\" OR 1=1 --", "/.*/", "$site", "1; SELECT * FROM x",
        "time", "#not a comment inside", "value",
        new string('x', 10_000), string.Concat(Enumerable.Repeat("é,= \"'\\x", 1_000)),
    ];
}
