using Analytics.Grains.Interfaces.Events;

namespace Analytics.Reference;

/// <summary>
/// An audience log as a site posts it through <c>POST /api/events</c>: the raw fields (user agent, referrer, the page
/// URL's <c>utm_*</c> query) that ingestion derives the dimensions of <see cref="AudienceLogs"/> from. The answers are
/// written out here, as uap-core and the referrer list give them (the enrichment tests pin the same strings), not read
/// from the production parser.
/// </summary>
public static class PostedAudience
{
    private static readonly Dictionary<(string Browser, string Os, string Device), string> UserAgents = new()
    {
        [("Chrome", "Windows", "desktop")] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        [("Mobile Safari", "iOS", "mobile")] = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        [("Firefox", "Ubuntu", "desktop")] = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        [("Chrome", "Android", "tablet")] = "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    };

    private static readonly Dictionary<string, string?> Referrers = new()
    {
        ["Google"] = "https://www.google.com/search?q=grid",
        ["Bing"] = "https://www.bing.com/",
        ["Facebook"] = "https://m.facebook.com/",
        ["news.example.org"] = "https://www.news.example.org/today?id=7",
        ["Direct / None"] = null,
    };

    /// <summary>
    /// Each event with the fields its dimensions come from, and its dimensions as ingestion derives them with no country
    /// database: country <c>(none)</c>, and <c>utm_*</c> <c>(none)</c> on an event without a URL, which has no query.
    /// </summary>
    public static List<AnalyticsEvent> AsPosted(IEnumerable<AnalyticsEvent> events) => [.. events.Select(e =>
    {
        var d = e.Dimensions;
        var campaign = e.Url is not null && d.UtmCampaign != Dimensions.None;
        var url = campaign ? $"{e.Url}&utm_source={d.UtmSource}&utm_medium={d.UtmMedium}&utm_campaign={d.UtmCampaign}" : e.Url;
        var utm = campaign ? (d.UtmSource, d.UtmMedium, d.UtmCampaign) : (Dimensions.None, Dimensions.None, Dimensions.None);
        return e with
        {
            Url = url,
            Referrer = Referrers[d.Source],
            UserAgent = UserAgents[(d.Browser, d.Os, d.Device)],
            Dimensions = new Dimensions(d.Source, utm.Item1, utm.Item2, utm.Item3, d.Browser, d.Os, d.Device, Dimensions.None),
        };
    })];
}
