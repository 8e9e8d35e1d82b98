using System.Text;

namespace Analytics.Enrichment.Bots;

/// <summary>Tells a regex that only spells a word (<c>Googlebot\/</c>, <c>AdsBot-Google</c>) from a real one.</summary>
internal static class PatternText
{
    private const string Special = @"\^$.|?*+()[]{}";

    /// <summary>The text a pattern matches when it is plain characters and escaped punctuation only; else null.</summary>
    public static string? Literal(string pattern)
    {
        var text = new StringBuilder(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                // \/ \. \- \( are the characters themselves; \d \b \s \w and the like are classes or anchors.
                if (i + 1 >= pattern.Length || char.IsAsciiLetterOrDigit(pattern[i + 1]) || char.IsWhiteSpace(pattern[i + 1])) return null;
                text.Append(pattern[++i]);
            }
            else if (Special.Contains(c) || char.IsWhiteSpace(c) && c != ' ')
            {
                return null;
            }
            else
            {
                text.Append(c);
            }
        }
        return text.Length == 0 ? null : text.ToString();
    }
}
