using System.Text.Json;
using System.Text.RegularExpressions;

namespace Analytics.Enrichment.Bots;

/// <summary>
/// Reads the crawler-user-agents list (a JSON array of <c>{"pattern":…,"tags":[…]}</c>) as data. Patterns the list tags
/// <c>http-library</c> are left out: they name client libraries (curl, python-requests, Go-http-client, okhttp, axios,
/// node-fetch, Wget, Apache-HttpClient, …) and a few crawler frameworks built on them (Scrapy, HTTrack, colly), and
/// the contract counts a client library as a server-side sender, not a bot (METRICS.md §3b). A crawler that names
/// itself still matches its own pattern, whatever library it is built on.
/// </summary>
internal static class CrawlerList
{
    public const string HttpLibraryTag = "http-library";

    public sealed record Patterns(IReadOnlyList<string> Crawlers, int HttpLibraries, int Invalid);

    private sealed record Entry(string? Pattern, string[]? Tags);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static Patterns Load(string path)
    {
        using var file = File.OpenRead(path);
        var entries = JsonSerializer.Deserialize<List<Entry>>(file, Json)
            ?? throw new InvalidDataException($"{path} holds no crawler list");
        var crawlers = new List<string>(entries.Count);
        int httpLibraries = 0, invalid = 0;
        foreach (var entry in entries)
        {
            if (entry.Tags?.Contains(HttpLibraryTag) == true) httpLibraries++;
            else if (IsValid(entry.Pattern)) crawlers.Add(entry.Pattern!);
            else invalid++;
        }
        return new Patterns(crawlers, httpLibraries, invalid);
    }

    /// <summary>One pattern that .NET cannot read must not break the one regex all of them are joined into.</summary>
    private static bool IsValid(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern)) return false;
        try
        {
            _ = new Regex(pattern, RegexOptions.None);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
