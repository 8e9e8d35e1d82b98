using Analytics.Grains.Interfaces.Events;

namespace Analytics.Bench.Support;

/// <summary>
/// Realistic events as the tracker sends them, in canonical form (as ingestion hands them to Kafka): random
/// UUID ids and visitors, the page URL on every event (with campaign or search query strings now and then),
/// referrers on page views (a search engine or social site for the first page of a visit, the previous page
/// after that), props on clicks and custom events, a value and an order on conversions.
/// </summary>
internal sealed class EventFactory(SiteCatalog catalog, Random random)
{
    private static readonly string[] ExternalReferrers =
    [
        "https://www.google.com/", "https://www.bing.com/search?q=best+winter+boots+2026", "https://duckduckgo.com/",
        "https://t.co/Xk2lP9qRz1", "https://www.facebook.com/", "https://news.ycombinator.com/item?id=41234567",
        "https://www.reddit.com/r/BuyItForLife/comments/1abcde/", "https://l.instagram.com/",
    ];

    private static readonly string[] Queries =
    [
        "", "", "", "", "", "?utm_source=newsletter&utm_medium=email&utm_campaign=spring-sale", "?q=leather+boots&page=2",
        "?ref=homepage-banner", "?gclid=Cj0KCQjw4bipBhCyARIsAFsieCzT3v", "?sort=price-asc&size=42",
    ];

    private static readonly string[] Elements = ["button#add-to-cart", "a.nav-link", "button.newsletter-signup", "a.product-card", "button#checkout"];
    private static readonly string[] CustomNames = ["video_play", "scroll_depth", "signup", "share"];

    public SiteCatalog Catalog => catalog;

    public string NewId() => Uuid();

    /// <summary>The next event of a visit: the first is always a page view; later ones are a realistic mix.</summary>
    public AnalyticsEvent Next(Visit visit, long timestamp, long ingestedAtMicros)
    {
        var roll = random.NextDouble();
        var type = visit.Events == 0 || roll < 0.62 ? EventType.PageView
            : roll < 0.87 ? EventType.Click
            : roll < 0.93 ? EventType.Conversion
            : EventType.Custom;
        var site = catalog.Sites[visit.Site];
        string? referrer = null;
        if (type == EventType.PageView)
        {
            referrer = visit.Url ?? (random.Next(10) < 6 ? ExternalReferrers[random.Next(ExternalReferrers.Length)] : null);
            visit.Url = $"https://{site}{catalog.PickPath(visit.Site, random)}{Queries[random.Next(Queries.Length)]}";
        }
        var url = visit.Url!;
        visit.Events++;
        return new AnalyticsEvent(
            Uuid(), type, site, visit.Visitor, timestamp, url, PagePath.Of(new Uri(url)), referrer,
            type == EventType.Conversion ? Math.Round(5 + random.NextDouble() * 245, 2) : null,
            PropsOf(type), ingestedAtMicros);
    }

    public Visit NewVisit() => new(catalog.PickSite(random), Uuid());

    private Dictionary<string, PropertyValue>? PropsOf(EventType type) => type switch
    {
        EventType.Click => new()
        {
            ["element"] = PropertyValue.Of(Elements[random.Next(Elements.Length)]),
            ["x"] = PropertyValue.Of(random.Next(1, 1920)),
            ["y"] = PropertyValue.Of(random.Next(1, 4000)),
        },
        EventType.Conversion => new()
        {
            ["order_id"] = PropertyValue.Of($"ORD-{random.Next(1_000_000, 9_999_999)}"),
            ["currency"] = PropertyValue.Of("EUR"),
            ["items"] = PropertyValue.Of(random.Next(1, 6)),
            ["coupon"] = PropertyValue.Of(random.Next(4) == 0 ? "SPRING10" : "none"),
        },
        EventType.Custom => new()
        {
            ["name"] = PropertyValue.Of(CustomNames[random.Next(CustomNames.Length)]),
            ["percent"] = PropertyValue.Of(random.Next(0, 101)),
        },
        _ => null,
    };

    // What crypto.randomUUID() makes in the browser: version 4, 36 characters.
    private string Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}

/// <summary>A visitor's visit to one site: its page so far and how many events it sent.</summary>
internal sealed class Visit(int site, string visitor)
{
    public int Site { get; } = site;

    public string Visitor { get; } = visitor;

    public string? Url { get; set; }

    public int Events { get; set; }
}
