using System.Text.RegularExpressions;
using System.Web;
using Analytics.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Analytics.EndToEndTests.Live.SentEvent;

namespace Analytics.EndToEndTests.Live;

/// <summary>
/// The dashboard's audience panels in Debian's Chromium against a grid of separate processes: the sources and
/// browsers a site's visitors came with show as rows with their visitor counts, and a click on a row filters
/// every table and the Visitors card, with the filter in the address.
/// </summary>
public sealed class DashboardPanelsBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>
    /// One visitor's visit: the referrer and user agent it came with, and the <c>source</c> and <c>browser</c> METRICS.md §3b
    /// names them (the referrer list's name, else the host without <c>www.</c>; uap-core's family).
    /// </summary>
    private sealed record Visit(string Visitor, string? Referrer, string Source, string UserAgent, string Browser, string Device);

    private static readonly Visit[] Visits =
    [
        new("ann", "https://www.google.com/search?q=analytics", "Google", UserAgents.IPhoneSafari, "Mobile Safari", "mobile"),
        new("ben", "https://www.google.com/", "Google", UserAgents.IPhoneSafari, "Mobile Safari", "mobile"),
        new("cid", "https://www.google.com/", "Google", UserAgents.IPhoneSafari, "Mobile Safari", "mobile"),
        new("dee", "https://www.google.com/", "Google", UserAgents.DesktopChrome, "Chrome", "desktop"),
        new("eve", null, "Direct / None", UserAgents.DesktopChrome, "Chrome", "desktop"),
        new("fay", null, "Direct / None", UserAgents.DesktopChrome, "Chrome", "desktop"),
        new("gus", "https://www.example.org/a-post", "example.org", UserAgents.DesktopChrome, "Chrome", "desktop"),
    ];

    [Fact]
    public async Task The_panels_show_the_sources_and_browsers_sent_and_a_click_on_a_row_filters_every_table()
    {
        await using var grid = await LiveGrid.StartAsync();
        var site = LiveGrid.NewSite("panels");
        var origin = $"https://{site}";
        // Each visitor lands with its referrer, then opens a second page from the first. The session keeps the landing's
        // source (METRICS.md §3b: session-scoped dimensions take the session's first event); the second referrer is the site.
        var t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 30_000;
        SentEvent[] sent =
        [
            .. Visits.SelectMany((v, i) => new[]
            {
                PageView(site, v.Visitor, t + i * 200, $"{origin}/") with { Referrer = v.Referrer, UserAgent = v.UserAgent },
                PageView(site, v.Visitor, t + i * 200 + 1500, $"{origin}/pricing") with { Referrer = $"{origin}/", UserAgent = v.UserAgent },
            }),
        ];
        await SentEvents.PostAsync(grid.Http, grid.ApiUrl, [.. sent.OrderBy(e => e.Timestamp)]);
        // Breakdowns read the event store, which takes an event once the watermark has passed its session's start (a later
        // event could still start that session earlier). Another site's event moves the watermark past all of them.
        await SentEvents.PostClockTickAsync(grid.Http, grid.ApiUrl, sent.Max(e => e.Timestamp) + 5000);
        await Eventually.Get(() => LiveGrid.EventsOfAsync(grid, site), n => n == sent.Length, Deadline, $"the grid to count {sent.Length} events of {site}");

        await using var chromium = await Chromium.LaunchAsync();
        var (page, errors) = await chromium.NewPageAsync();
        await page.GotoAsync($"{grid.ApiUrl}/?site={Uri.EscapeDataString(site)}&range=1h");

        var sources = Rows(Visits, v => v.Source);
        var browsers = Rows(Visits, v => v.Browser);
        output.WriteLine($"expected sources: {string.Join(", ", sources)}; browsers: {string.Join(", ", browsers)}");
        await ShowsAsync(page, "sources", "source", "", sources);
        await ShowsAsync(page, "devices", "browser", "", browsers);
        await VisitorsAsync(page, Visits.Length);
        output.WriteLine($"Screenshot: {await Chromium.ScreenshotAsync(page, "dashboard-panels")}");

        // A click on Google: the address carries source=Google, and every table and the Visitors card narrow to it.
        await page.Locator("[data-testid=\"panel-sources\"] [data-testid=\"breakdown-row\"][data-value=\"Google\"]").ClickAsync();
        await page.WaitForURLAsync(new Regex("[?&]filters=source%3DGoogle(&|$)"));
        Assert.Equal("source=Google", HttpUtility.ParseQueryString(new Uri(page.Url).Query)["filters"]);
        var fromGoogle = Visits.Where(v => v.Source == "Google").ToArray();
        await ShowsAsync(page, "sources", "source", "source=Google", Rows(fromGoogle, v => v.Source));
        await ShowsAsync(page, "devices", "browser", "source=Google", Rows(fromGoogle, v => v.Browser));
        await VisitorsAsync(page, fromGoogle.Length);
        await page.Locator("[data-testid=\"panel-devices\"] [data-testid=\"panel-tab\"][data-dimension=\"device\"]").ClickAsync();
        await ShowsAsync(page, "devices", "device", "source=Google", Rows(fromGoogle, v => v.Device));
        Assert.True(await page.Locator("[data-testid=\"chart-page_views\"] [data-testid=\"unfiltered\"]").IsVisibleAsync(),
            "the page-views chart takes no filters, and says so while one is set");
        output.WriteLine($"Screenshot: {await Chromium.ScreenshotAsync(page, "dashboard-panels-filtered")}");

        var shown = await DashboardReading.ReadAsync(page);
        Assert.Null(shown.Error);
        Assert.Empty(errors);
    }

    /// <summary>A breakdown's rows worked out from the visits: visitors per value, most first, ties by value.</summary>
    private static List<PanelRow> Rows(IEnumerable<Visit> visits, Func<Visit, string> value) =>
    [
        .. visits.GroupBy(value).Select(g => new PanelRow(g.Key, g.Select(v => v.Visitor).Distinct().Count()))
            .OrderByDescending(r => r.Visitors).ThenBy(r => r.Value, StringComparer.Ordinal),
    ];

    /// <summary>Waits for a panel to show the rows of a dimension, answered for the filters given (a live range re-reads every 10 s).</summary>
    private static Task<PanelReading> ShowsAsync(IPage page, string panel, string dimension, string filters, List<PanelRow> rows) =>
        Eventually.Get(() => PanelReading.ReadAsync(page, panel), r => r.Shows(dimension, filters, rows), Deadline,
            $"the {panel} panel to show {dimension} {string.Join(", ", rows)}{(filters == "" ? "" : $" with {filters}")}");

    private static Task<DashboardReading> VisitorsAsync(IPage page, int visitors) =>
        Eventually.Get(() => DashboardReading.ReadAsync(page), r => r.ValueOf("visitors") == visitors, Deadline, $"the Visitors card to show {visitors}");
}
