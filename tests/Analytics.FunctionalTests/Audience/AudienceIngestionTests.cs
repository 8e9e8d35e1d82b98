using System.Net;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Testing;
using static Analytics.FunctionalTests.Audience.AudienceRequests;
using static Analytics.Testing.UserAgents;

namespace Analytics.FunctionalTests.Audience;

/// <summary>
/// Dimensions and bots at ingestion (METRICS.md §3b), as anyone holding the topic and scraping the API sees them:
/// each event carries the dimensions of its user agent, referrer and URL, and that user agent; a bot's event is answered
/// like any other, is on the topic marked as a bot's, and counts in no metric. The bot counter on /metrics is checked
/// against real processes (MetricsAtStartTests): hosts sharing one test process do not export the grid's meters reliably.
/// </summary>
public sealed class AudienceIngestionTests(GridFixture fixture) : IClassFixture<GridFixture>
{
    private const string None = Dimensions.None;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private HttpClient Http => fixture.Grid.Http;

    private static string NewSite(string name) => $"{name}-{Guid.NewGuid():N}.example.com";

    private static JsonObject Event(string id, string site, string path = "/", string? referrer = null, string? userAgent = null)
    {
        var e = TestEvents.PageView(id, site, "visitor-" + id, path);
        if (referrer is not null) e["referrer"] = referrer;
        if (userAgent is not null) e["userAgent"] = userAgent;
        return e;
    }

    private static Dictionary<string, AnalyticsEvent> OnTopic(GridHost grid, string site) =>
        TopicLog.ReadAll(grid.Topic, GridHost.Partitions).Where(e => e.Site == site).ToDictionary(e => e.Id);

    private static async Task AssertAcceptedAsync(int events, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        Assert.Equal(events, (int)JsonNode.Parse(body)!["accepted"]!);
    }

    [Fact]
    public async Task Each_event_on_the_topic_carries_the_dimensions_of_its_user_agent_referrer_and_url()
    {
        var site = NewSite("dims");
        await AssertAcceptedAsync(1, await PostAsync(Http, Event("chrome", site), DesktopChrome));
        await AssertAcceptedAsync(1, await PostAsync(Http, Event("iphone", site), IPhoneSafari));
        await AssertAcceptedAsync(1, await PostAsync(Http, Event("curl", site), Curl));
        await AssertAcceptedAsync(1, await PostAsync(Http, Event("python", site), PythonRequests));
        await AssertAcceptedAsync(1, await PostAsync(Http, Event("no-agent", site), userAgent: null));
        await AssertAcceptedAsync(1, await PostAsync(Http, Event("google", site, referrer: "https://www.google.com/search?q=shoes"), DesktopChrome));
        await AssertAcceptedAsync(1, await PostAsync(Http, Event("own-site", site, referrer: $"https://www.{site}/pricing"), DesktopChrome));
        await AssertAcceptedAsync(1, await PostAsync(Http,
            Event("campaign", site, "/landing?utm_source=newsletter&utm_medium=email&utm_campaign=winter+sale", "https://news.ycombinator.com/item?id=1"), DesktopChrome));
        // A server forwarding a browser's hit: the event's userAgent is the browser's, the request's is the server's.
        await AssertAcceptedAsync(1, await PostAsync(Http, Event("forwarded", site, userAgent: IPhoneSafari), PythonRequests));

        const string Direct = Dimensions.DirectNone;
        var expected = new Dictionary<string, Dimensions>
        {
            ["chrome"] = new(Direct, None, None, None, "Chrome", "Windows", "desktop", None),
            ["iphone"] = new(Direct, None, None, None, "Mobile Safari", "iOS", "mobile", None),
            ["curl"] = new(Direct, None, None, None, "curl", None, "desktop", None),
            ["python"] = new(Direct, None, None, None, "Python Requests", None, "desktop", None),
            ["no-agent"] = new(Direct, None, None, None, None, None, None, None),
            ["google"] = new("Google", None, None, None, "Chrome", "Windows", "desktop", None),
            ["own-site"] = new(Direct, None, None, None, "Chrome", "Windows", "desktop", None),
            ["campaign"] = new("Hacker News", "newsletter", "email", "winter sale", "Chrome", "Windows", "desktop", None),
            ["forwarded"] = new(Direct, None, None, None, "Mobile Safari", "iOS", "mobile", None),
        };
        Assert.Equal(expected, OnTopic(fixture.Grid, site).ToDictionary(p => p.Key, p => p.Value.Dimensions));
    }

    public static TheoryData<string, string> HostileUserAgents() => new()
    {
        { "100,000 characters", DesktopChrome + new string('x', 100_000) },
        { "a crawler's name past the first 512 characters", new string('x', 600) + " Googlebot/2.1" },
        { "not ASCII", "Mozilla/5.0 (☃; Ünïcode) 日本 \u00ff\u00fe" },
        { "control characters", "Mozilla/5.0\t\u0001\u007f(X11)" },
        { "a lone surrogate", "Mozilla/5.0 \ud800 (X11)" },
    };

    [Theory]
    [MemberData(nameof(HostileUserAgents))]
    public async Task A_user_agent_header_of_any_length_or_bytes_is_answered_202_and_its_event_counted(string description, string userAgent)
    {
        var site = NewSite("agents");

        await AssertAcceptedAsync(1, await PostAsync(Http, Event("hostile", site), userAgent));

        Assert.True(OnTopic(fixture.Grid, site).ContainsKey("hostile"), description);
    }

    [Fact]
    public async Task A_bots_events_are_answered_202_marked_on_the_topic_and_count_in_no_metric()
    {
        var site = NewSite("bots");

        await AssertAcceptedAsync(2, await PostAsync(Http, new JsonArray(Event("googlebot-1", site), Event("googlebot-2", site)), Googlebot));
        await AssertAcceptedAsync(1, await PostAsync(Http, Event("headless", site), HeadlessChrome));
        // A server forwarding a crawler's hit and a person's in one batch; then a person's hit sent by a server that
        // names itself like a crawler: the event's own userAgent decides.
        await AssertAcceptedAsync(2, await PostAsync(Http,
            new JsonArray(Event("forwarded-bot", site, userAgent: Googlebot), Event("forwarded-person", site, userAgent: DesktopChrome)), Curl));
        await AssertAcceptedAsync(1, await PostAsync(Http, Event("person", site, userAgent: IPhoneSafari), Googlebot));

        // Every event is on the topic (bots' feed their partition's watermark), marked with what it was judged by.
        var onTopic = OnTopic(fixture.Grid, site);
        Assert.Equal(["forwarded-bot", "googlebot-1", "googlebot-2", "headless"], onTopic.Values.Where(e => e.Bot).Select(e => e.Id).Order());
        Assert.Equal(["forwarded-person", "person"], onTopic.Values.Where(e => !e.Bot).Select(e => e.Id).Order());
        Assert.Equal((Googlebot, IPhoneSafari), (onTopic["forwarded-bot"].UserAgent, onTopic["person"].UserAgent));

        // Once the grid has read and saved every record of the topic, the site holds the two people's events only.
        await Eventually.Get(fixture.Grid.EverythingSavedAsync, saved => saved, Deadline, "every record of the topic read and saved");
        Assert.Equal(2, (await Http.SiteCountsAsync()).GetValueOrDefault(site));
    }

    [Fact]
    public async Task With_bot_filtering_off_a_bots_events_are_on_the_topic_as_any_others()
    {
        await using var grid = await GridHost.StartAsync(silos: 1, settings: new Dictionary<string, string?> { ["Enrichment:BotFiltering"] = "false" });
        var site = NewSite("bots-counted");

        await AssertAcceptedAsync(1, await PostAsync(grid.Http, Event("googlebot", site), Googlebot));
        await AssertAcceptedAsync(1, await PostAsync(grid.Http, Event("headless", site), HeadlessChrome));

        var onTopic = OnTopic(grid, site);
        Assert.Equal(["googlebot", "headless"], onTopic.Keys.Order());
        Assert.All(onTopic.Values, e => Assert.False(e.Bot));
        Assert.Equal(("Googlebot", "HeadlessChrome"), (onTopic["googlebot"].Dimensions.Browser, onTopic["headless"].Dimensions.Browser));
    }
}
