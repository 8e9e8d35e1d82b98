namespace Analytics.Grains.Interfaces.Events;

/// <summary>
/// A site is a DNS host name (RFC 1123 labels, ASCII: internationalised names in their punycode form),
/// compared case-insensitively, so it is kept in lower case everywhere.
/// </summary>
public static class SiteName
{
    /// <summary>The whole grid, as a site: every metric is also computed over all sites under this name.</summary>
    public const string All = "*";

    public const int MaxLength = 253;

    public static string Normalize(string site) => site.ToLowerInvariant();

    public static bool IsValidHost(string site)
    {
        if (site.Length is 0 or > MaxLength) return false;
        var labelStart = 0;
        for (var i = 0; i <= site.Length; i++)
        {
            if (i < site.Length && site[i] != '.')
            {
                var c = site[i];
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
                continue;
            }
            var length = i - labelStart;
            if (length is 0 or > 63) return false;
            if (site[labelStart] == '-' || site[i - 1] == '-') return false;
            labelStart = i + 1;
        }
        return true;
    }

    /// <summary>A site as the query API accepts it: a valid host, or <see cref="All"/>.</summary>
    public static bool IsValidQuery(string site) => site == All || IsValidHost(site);
}
