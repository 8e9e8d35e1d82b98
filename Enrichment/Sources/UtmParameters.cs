using Analytics.Grains.Interfaces.Events;

namespace Analytics.Enrichment.Sources;

/// <summary>
/// The <c>utm_source</c>, <c>utm_medium</c> and <c>utm_campaign</c> dimensions, from the page URL's query: the first
/// occurrence of each name (names compared case-insensitively), <c>+</c> read as a space, percent-decoded, trimmed, and
/// cut to <see cref="MaxLength"/> characters. An absent or empty value, or one holding control characters, is
/// <see cref="Dimensions.None"/>; so is every value of a URL longer than the contract allows.
/// </summary>
public static class UtmParameters
{
    /// <summary>The longest value kept, as Google Analytics keeps campaign values: enough for any real campaign name.</summary>
    public const int MaxLength = 100;

    public readonly record struct Values(string Source, string Medium, string Campaign);

    public static readonly Values None = new(Dimensions.None, Dimensions.None, Dimensions.None);

    public static Values From(string? url)
    {
        if (url is null || url.Length > Grains.Interfaces.Events.EventRules.UrlMaxLength) return None;
        var start = url.IndexOf('?');
        if (start < 0) return None;
        var end = url.IndexOf('#', start);
        var query = url.AsSpan(start + 1, (end < 0 ? url.Length : end) - start - 1);
        string? source = null, medium = null, campaign = null;
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            if (equals < 0) continue;
            var name = pair[..equals];
            if (name.Equals("utm_source", StringComparison.OrdinalIgnoreCase)) source ??= Decode(pair[(equals + 1)..]);
            else if (name.Equals("utm_medium", StringComparison.OrdinalIgnoreCase)) medium ??= Decode(pair[(equals + 1)..]);
            else if (name.Equals("utm_campaign", StringComparison.OrdinalIgnoreCase)) campaign ??= Decode(pair[(equals + 1)..]);
        }
        return new Values(source ?? Dimensions.None, medium ?? Dimensions.None, campaign ?? Dimensions.None);
    }

    private static string Decode(ReadOnlySpan<char> raw)
    {
        // Uri.UnescapeDataString leaves a malformed escape (%zz, a lone %, invalid UTF-8) as it is; it never throws.
        var text = Uri.UnescapeDataString(raw.ToString().Replace('+', ' ')).Trim();
        if (text.Length == 0 || text.AsSpan().ContainsAnyInRange('\0', '\u001f') || text.Contains('\u007f')) return Dimensions.None;
        if (text.Length <= MaxLength) return text;
        // Never split a surrogate pair: the cut value must still be valid UTF-16.
        var cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return text[..cut].TrimEnd();
    }
}
