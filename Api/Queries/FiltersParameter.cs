using Analytics.Enrichment;
using Analytics.Grains.Interfaces.Audience;

namespace Analytics.Api.Queries;

/// <summary>
/// The <c>filters=</c> parameter of the range routes (METRICS.md §5): <c>dim=value</c> pairs joined by <c>;</c>, the
/// whole percent-encoded once (ASP.NET Core has undone that), and <c>;</c>, <c>=</c> and <c>%</c> inside a name or value
/// encoded once more, which this undoes per part.
/// </summary>
public static class FiltersParameter
{
    public const int MaxFilters = 16;
    public const int MaxValueLength = 2048;

    /// <summary>The filters, or an empty list when the parameter is absent; each wrong one is named in <paramref name="errors"/>.</summary>
    public static DimensionFilter[] Parse(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var problems = new List<string>();
        var filters = new List<DimensionFilter>();
        var pairs = text.Split(';');
        if (pairs.Length > MaxFilters) problems.Add($"holds {pairs.Length} filters; at most {MaxFilters} are allowed");
        foreach (var pair in pairs.Take(MaxFilters))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                problems.Add($"'{Shown(pair)}' must be dim=value");
                continue;
            }
            if (!TryUnescape(pair[..equals], out var dimension) || !TryUnescape(pair[(equals + 1)..], out var value))
            {
                problems.Add($"'{Shown(pair)}' has a malformed percent escape");
                continue;
            }
            if (!DimensionNames.IsKnown(dimension))
                problems.Add($"'{Shown(dimension)}' is not a dimension; use one of {string.Join(", ", DimensionNames.All)} or prop:<key>");
            else if (value.Length is 0 or > MaxValueLength)
                problems.Add($"the value for '{dimension}' must have 1 to {MaxValueLength} characters");
            else if (filters.Any(f => f.Dimension == dimension))
                problems.Add($"'{dimension}' is filtered twice; give each dimension once");
            else
                filters.Add(new DimensionFilter(dimension, value));
        }
        if (problems.Count > 0) errors["filters"] = [.. problems];
        return [.. filters];
    }

    /// <summary>The filters written back as the parameter's value, before the whole is percent-encoded.</summary>
    public static string Format(IEnumerable<DimensionFilter> filters) =>
        string.Join(';', filters.Select(f => Escape(f.Dimension) + "=" + Escape(f.Value)));

    private static string Escape(string part) => part.Replace("%", "%25").Replace(";", "%3B").Replace("=", "%3D");

    private static bool TryUnescape(string part, out string text)
    {
        // Uri.UnescapeDataString leaves a malformed escape as it is; the contract's own escapes are all well-formed.
        for (var i = part.IndexOf('%'); i >= 0; i = part.IndexOf('%', i + 1))
        {
            if (i + 2 >= part.Length || !Uri.IsHexDigit(part[i + 1]) || !Uri.IsHexDigit(part[i + 2]))
            {
                text = part;
                return false;
            }
        }
        text = Uri.UnescapeDataString(part);
        return true;
    }

    // Echoed in an error: shortened, so that a huge parameter does not make a huge answer.
    private static string Shown(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
