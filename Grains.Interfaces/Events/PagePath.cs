namespace Analytics.Grains.Interfaces.Events;

/// <summary>
/// The page of a URL (METRICS.md §1): its path, with query string and fragment dropped, and a
/// trailing '/' kept only for the root. The path is taken as <see cref="Uri.AbsolutePath"/> gives it,
/// so dot segments are resolved and non-ASCII characters are percent-encoded the same way every time.
/// </summary>
public static class PagePath
{
    public static string Of(Uri absoluteUrl)
    {
        var path = absoluteUrl.AbsolutePath.TrimEnd('/');
        return path.Length == 0 ? "/" : path;
    }

    public static bool TryParseUrl(string url, out Uri uri)
    {
        uri = null!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed)) return false;
        if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps) return false;
        if (string.IsNullOrEmpty(parsed.Host)) return false;
        uri = parsed;
        return true;
    }
}
