using Analytics.Grains.Interfaces.Events;

namespace Analytics.LoadGenerator.Traffic;

/// <summary>
/// Writes one event as a tracker would send it: the URL, referrer, value and props that fit its type, an id
/// of its own, and the page derived from the URL by <see cref="PagePath"/>, exactly as the ingestion endpoint does.
/// </summary>
internal sealed class EventComposer(TrafficProfile profile, SiteCatalog catalog, Rng rng)
{
    private static readonly string[] Elements = ["nav-link", "buy-button", "signup-form", "read-more", "share", "video-play"];
    private static readonly string[] SearchTerms = ["lamp", "blue+chair", "kettle", "pricing", "shipping"];
    private static readonly string[] Networks = ["social.example.org", "news.example.com", "forum.example.net"];

    private readonly ZipfDistribution _pages = new(profile.PagesPerSite, profile.PageZipfExponent);
    private readonly string _idPrefix = profile.IdPrefix ?? $"s{profile.Seed}";
    private readonly ulong _visitorKey = Rng.Mix(0x7669_7369_746F_7273 ^ (ulong)profile.Seed);
    private long _sequence;

    /// <summary>The opaque id of visitor number <paramref name="index"/>: a bijective mix of the index, so never shared by two visitors.</summary>
    public string VisitorId(int index) => $"v{Rng.Mix(_visitorKey ^ (ulong)index):x16}";

    public AnalyticsEvent Compose(int index, ref Visitor visitor, EventType type, long timestamp)
    {
        var host = catalog.Hosts[visitor.Site];
        string? url, referrer = null;
        double? value = null;
        Dictionary<string, PropertyValue>? props = null;
        switch (type)
        {
            case EventType.PageView:
                url = UrlStyle.Of(host, catalog.Path(visitor.Site, _pages.Sample(rng.NextDouble())), rng);
                referrer = visitor.Step == 0 ? LandingReferrer(visitor.Site) : visitor.PageUrl;
                visitor.PageUrl = url;
                break;
            case EventType.Click:
                url = visitor.PageUrl;
                props = new(StringComparer.Ordinal) { ["element"] = PropertyValue.Of(rng.Pick(Elements)) };
                break;
            case EventType.Custom:
                url = visitor.PageUrl;
                props = CustomProps();
                break;
            default:
                var order = rng.NextBits() % 1_000_000_000;
                url = $"https://{host}/checkout/thank-you?order={order}";
                value = rng.LogUniform(500, 50_000) / 100.0;
                props = new(StringComparer.Ordinal) { ["currency"] = PropertyValue.Of("EUR"), ["items"] = PropertyValue.Of(1 + rng.Next(5)) };
                break;
        }
        return new AnalyticsEvent(
            $"{_idPrefix}-{_sequence++:x8}", type, host, VisitorId(index), timestamp, url, PageOf(url), referrer, value, props,
            IngestedAtMicros: 0);
    }

    private static string? PageOf(string? url)
    {
        if (url is null) return null;
        if (!PagePath.TryParseUrl(url, out var uri)) throw new InvalidOperationException($"The traffic model wrote a URL the contract refuses: {url}");
        return PagePath.Of(uri);
    }

    private string? LandingReferrer(int site) => rng.Next(20) switch
    {
        < 7 => null,
        < 14 => $"https://search.example.com/search?q={rng.Pick(SearchTerms)}",
        < 17 => $"https://{rng.Pick(Networks)}/post/{rng.Next(100_000)}",
        _ => $"https://{catalog.Hosts[(site + 1 + rng.Next(Math.Max(1, catalog.Hosts.Count - 1))) % catalog.Hosts.Count]}/",
    };

    private Dictionary<string, PropertyValue> CustomProps() => rng.Next(3) switch
    {
        0 => new(StringComparer.Ordinal) { ["name"] = PropertyValue.Of("scroll_depth"), ["percent"] = PropertyValue.Of(25 * (1 + rng.Next(4))) },
        1 => new(StringComparer.Ordinal) { ["name"] = PropertyValue.Of("video_play"), ["seconds"] = PropertyValue.Of(rng.Next(600)) },
        _ => new(StringComparer.Ordinal) { ["name"] = PropertyValue.Of("newsletter_signup"), ["plan"] = PropertyValue.Of(rng.Chance(0.5) ? "weekly" : "monthly") },
    };
}
