namespace Analytics.LoadGenerator.Traffic;

/// <summary>
/// How a page's URL is written on a given view: mostly plain, sometimes with a trailing slash, campaign or
/// paging query string, or fragment. The page is the same for all of them, which is what the grid must see.
/// </summary>
internal static class UrlStyle
{
    private static readonly string[] Queries = ["?utm_source=newsletter&utm_medium=email", "?ref=nav", "?page=2", "?q=blue+lamp", "?utm_campaign=spring%20sale"];
    private static readonly string[] Fragments = ["#top", "#reviews", "#comments", "#pricing"];

    public static string Of(string host, string path, Rng rng)
    {
        var draw = rng.NextDouble();
        return draw switch
        {
            < 0.70 => $"https://{host}{path}",
            < 0.80 => path == "/" ? $"https://{host}/" : $"https://{host}{path}/",
            < 0.92 => $"https://{host}{path}{rng.Pick(Queries)}",
            < 0.97 => $"https://{host}{path}{rng.Pick(Fragments)}",
            _ => $"https://{host}{path}{rng.Pick(Queries)}{rng.Pick(Fragments)}",
        };
    }
}
