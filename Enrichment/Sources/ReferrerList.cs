using System.Text.Json;

namespace Analytics.Enrichment.Sources;

/// <summary>
/// The referrer list (Snowplow's referer-parser data as Ghost keeps it: <c>{"host[/path]":{"source":…,"medium":…}}</c>),
/// read as data. A referrer is looked up as Snowplow's parsers do: its host with a path prefix first
/// (<c>google.de/imgres</c> is <c>Google Images</c>), then the host alone, then each parent domain
/// (<c>de.search.yahoo.com</c> → <c>search.yahoo.com</c>) down to two labels.
/// </summary>
public sealed class ReferrerList
{
    private sealed record Entry(string Source);

    private readonly Dictionary<string, string> hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<(string Path, string Source)>> paths = new(StringComparer.OrdinalIgnoreCase);

    private ReferrerList(Dictionary<string, Entry> entries)
    {
        foreach (var (key, entry) in entries)
        {
            var slash = key.IndexOf('/');
            if (slash < 0)
            {
                hosts[key] = entry.Source;
                continue;
            }
            if (!paths.TryGetValue(key[..slash], out var list)) paths[key[..slash]] = list = [];
            list.Add((key[slash..], entry.Source));
        }
        // Longest path first, so the most specific entry wins.
        foreach (var list in paths.Values) list.Sort((a, b) => b.Path.Length.CompareTo(a.Path.Length));
    }

    public static ReferrerList Load(string referrersJson)
    {
        using var file = File.OpenRead(referrersJson);
        var entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(file, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new InvalidDataException($"{referrersJson} holds no referrer list");
        return new ReferrerList(entries);
    }

    public int Count => hosts.Count + paths.Values.Sum(p => p.Count);

    /// <summary>The name the list gives a referrer's host and path, or null when it does not know the host.</summary>
    public string? Find(string host, string path)
    {
        for (var domain = host; domain.Contains('.'); domain = domain[(domain.IndexOf('.') + 1)..])
        {
            if (paths.TryGetValue(domain, out var prefixes))
            {
                foreach (var (prefix, source) in prefixes)
                {
                    if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return source;
                }
            }
            if (hosts.TryGetValue(domain, out var name)) return name;
        }
        return null;
    }
}
