namespace Analytics.Bench.Support;

/// <summary>
/// Made-up websites that look like real ones: host names, a few hundred realistic paths each (product pages,
/// articles, search, cart), and popularity that falls off like real traffic (Zipf: a few sites and pages
/// get most views). Deterministic for a seed.
/// </summary>
internal sealed class SiteCatalog
{
    private static readonly string[] Kinds = ["shop", "news", "blog", "docs", "store", "travel", "recipes", "games"];
    private static readonly string[] Tlds = ["com", "net", "io", "co.uk", "de", "org"];
    private static readonly string[] Words =
    [
        "winter", "boots", "leather", "jacket", "running", "shoes", "wireless", "headphones", "coffee", "grinder",
        "garden", "chair", "travel", "guide", "italy", "budget", "recipe", "pasta", "review", "laptop", "stand",
        "kids", "toys", "summer", "dress", "vintage", "lamp", "desk", "organic", "tea", "yoga", "mat", "camera", "lens",
    ];

    private readonly string[][] _paths;
    private readonly double[] _siteWeights;
    private readonly double[] _pageWeights;

    public SiteCatalog(int sites, int pagesPerSite, int seed)
    {
        var random = new Random(seed);
        Sites = [.. Enumerable.Range(0, sites).Select(i => $"{Kinds[i % Kinds.Length]}{i}.example-{Words[random.Next(Words.Length)]}.{Tlds[random.Next(Tlds.Length)]}")];
        _paths = [.. Sites.Select(_ => Enumerable.Range(0, pagesPerSite).Select(p => PathOf(random, p)).ToArray())];
        _siteWeights = Zipf(sites);
        _pageWeights = Zipf(pagesPerSite);
    }

    public string[] Sites { get; }

    public int PagesPerSite => _pageWeights.Length;

    public int PickSite(Random random) => Pick(_siteWeights, random);

    public string PickPath(int site, Random random) => _paths[site][Pick(_pageWeights, random)];

    // The home page is the most viewed page of every site; the rest are products, articles and utility pages.
    private static string PathOf(Random random, int index) => index switch
    {
        0 => "/",
        1 => "/cart",
        2 => "/search",
        3 => "/account/orders",
        _ => (index % 3) switch
        {
            0 => $"/products/{Word(random)}-{Word(random)}/{Word(random)}-{Word(random)}-{random.Next(10_000, 99_999)}",
            1 => $"/blog/{random.Next(2019, 2027)}/{random.Next(1, 13):D2}/{Word(random)}-{Word(random)}-{Word(random)}",
            _ => $"/category/{Word(random)}/{Word(random)}",
        },
    };

    private static string Word(Random random) => Words[random.Next(Words.Length)];

    /// <summary>Cumulative Zipf weights (exponent 1) over n ranks, normalised to 1.</summary>
    private static double[] Zipf(int n)
    {
        var cumulative = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++) cumulative[i] = sum += 1.0 / (i + 1);
        for (var i = 0; i < n; i++) cumulative[i] /= sum;
        return cumulative;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(cumulative.Length - 1, index < 0 ? ~index : index);
    }
}
