namespace Analytics.LoadGenerator.Traffic;

/// <summary>
/// The sites and their pages, by popularity rank: rank 0 is the root. Each site's pages come from its own
/// generator seeded by (seed, site), so the catalogue does not depend on the order traffic is drawn in.
/// Paths are stored canonical (no trailing slash, no query); <see cref="UrlStyle"/> adds the variations.
/// </summary>
internal sealed class SiteCatalog
{
    private static readonly string[] FixedPages = ["/pricing", "/about", "/contact", "/login", "/signup", "/cart", "/search", "/blog", "/docs", "/careers"];
    private static readonly string[] Adjectives = ["blue", "quick", "smart", "classic", "organic", "compact", "wireless", "vintage", "modern", "solid"];
    private static readonly string[] Nouns = ["widget", "lamp", "chair", "backpack", "kettle", "speaker", "jacket", "notebook", "bicycle", "camera"];
    private static readonly string[] DocTopics = ["getting-started", "installation", "configuration", "api-reference", "troubleshooting", "faq"];
    // A few non-ASCII slugs: the page must come out percent-encoded exactly as the ingestion endpoint derives it.
    private static readonly string[] Slugs = ["how-we-ship", "spring-sale", "café-guide", "über-uns", "release-notes", "customer-stories", "tips-and-tricks"];

    private readonly string[][] _paths;

    public SiteCatalog(int seed, int sites, int pagesPerSite)
    {
        var width = Math.Max(2, sites.ToString().Length);
        Hosts = [.. Enumerable.Range(1, sites).Select(n => $"site{n.ToString().PadLeft(width, '0')}.example.test")];
        _paths = [.. Enumerable.Range(0, sites).Select(site => BuildPaths(new Rng(Rng.Mix((ulong)seed) ^ Rng.Mix((ulong)site + 1)), pagesPerSite))];
    }

    public IReadOnlyList<string> Hosts { get; }

    public string Path(int site, int rank) => _paths[site][rank];

    private static string[] BuildPaths(Rng rng, int count)
    {
        var paths = new List<string>(count) { "/" };
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        foreach (var page in FixedPages.Take(Math.Min(FixedPages.Length, count / 4)))
            Add(page);
        while (paths.Count < count)
        {
            var candidate = rng.Next(4) switch
            {
                0 => $"/products/{rng.Pick(Adjectives)}-{rng.Pick(Nouns)}-{rng.Next(1000)}",
                1 => $"/blog/{2019 + rng.Next(8)}/{rng.Pick(Slugs)}-{rng.Next(100)}",
                2 => $"/docs/{rng.Pick(DocTopics)}/{rng.Pick(Nouns)}-{rng.Next(50)}",
                _ => $"/category/{rng.Pick(Nouns)}s/page-{1 + rng.Next(20)}",
            };
            Add(candidate);
        }
        // The fixed pages were added first; shuffle all but the root so that popularity is not tied to kind of page.
        for (var i = paths.Count - 1; i > 1; i--)
        {
            var j = 1 + rng.Next(i);
            (paths[i], paths[j]) = (paths[j], paths[i]);
        }
        return [.. paths];

        void Add(string path)
        {
            if (seen.Add(path)) paths.Add(path);
        }
    }
}
