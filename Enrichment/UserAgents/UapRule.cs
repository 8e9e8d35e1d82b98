using System.Text;
using System.Text.RegularExpressions;

namespace Analytics.Enrichment.UserAgents;

/// <summary>
/// One entry of a uap-core parser list: a regex and the family it names. As uap-core's specification says, the
/// family is the replacement with <c>$1</c>…<c>$9</c> put in from the match's groups when the entry has one, else
/// the first group; leading and trailing white space is trimmed.
/// </summary>
internal sealed class UapRule(Regex regex, string? replacement)
{
    /// <summary>The family named by this rule, or null when its regex does not match.</summary>
    public string? Family(string userAgent)
    {
        var match = regex.Match(userAgent);
        if (!match.Success) return null;
        var family = replacement is null ? Group(match, 1) : Substitute(replacement, match);
        return family.Trim();
    }

    private static string Substitute(string template, Match match)
    {
        if (!template.Contains('$')) return template;
        var text = new StringBuilder(template.Length + 16);
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '$' && i + 1 < template.Length && template[i + 1] is >= '1' and <= '9')
            {
                text.Append(Group(match, template[++i] - '0'));
            }
            else
            {
                text.Append(template[i]);
            }
        }
        return text.ToString();
    }

    /// <summary>A group that did not take part in the match counts as empty, as in every uap port.</summary>
    private static string Group(Match match, int number) =>
        number < match.Groups.Count && match.Groups[number].Success ? match.Groups[number].Value : "";
}
