using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Analytics.Enrichment.UserAgents;

/// <summary>
/// Reads uap-core's <c>regexes.yaml</c> as data, as every uap port does: each regex is built once, here, with the
/// match timeout that bounds what one hostile user agent can cost. Versions are not read: dimensions name families only.
/// The regexes are interpreted, not compiled to IL: measured here, a thousand compiled regexes cost seconds of JIT on
/// first use (enough to trip the match timeout), and the cache in front of the parser answers most events anyway.
/// </summary>
internal static class UapRegexes
{
    public static (UapRuleList Browsers, UapRuleList Os, UapRuleList Devices) Load(string path, TimeSpan matchTimeout)
    {
        using var reader = File.OpenText(path);
        var sections = new DeserializerBuilder().Build()
            .Deserialize<Dictionary<string, List<Dictionary<string, string>>>>(reader);
        return (Rules(sections, "user_agent_parsers", "family_replacement", matchTimeout),
                Rules(sections, "os_parsers", "os_replacement", matchTimeout),
                Rules(sections, "device_parsers", "device_replacement", matchTimeout));
    }

    private static UapRuleList Rules(
        Dictionary<string, List<Dictionary<string, string>>> sections, string section, string replacementKey, TimeSpan matchTimeout)
    {
        if (!sections.TryGetValue(section, out var entries) || entries.Count == 0)
            throw new InvalidDataException($"uap-core regexes.yaml has no {section}");
        var rules = new List<UapRule>(entries.Count);
        foreach (var entry in entries)
        {
            // Matching is case-sensitive unless the entry says regex_flag: 'i' (some device rules do).
            var options = RegexOptions.CultureInvariant;
            if (entry.GetValueOrDefault("regex_flag") == "i") options |= RegexOptions.IgnoreCase;
            var regex = new Regex(entry["regex"], options, matchTimeout);
            rules.Add(new UapRule(regex, entry.GetValueOrDefault(replacementKey)));
        }
        return new UapRuleList(rules);
    }
}
