using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.EndToEndTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Testing;

namespace Analytics.EndToEndTests.Live;

/// <summary>
/// A customer's page on an origin of its own embeds the tracker from the API process, as Dashboard/README.md
/// tells sites to, and Chromium runs it: what the visitor does there arrives in the grid, once each.
/// </summary>
public sealed class TrackerBrowserTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_page_with_the_tracker_gets_its_page_views_custom_event_and_conversion_counted_by_the_grid()
    {
        await using var shop = new TestSite();
        // The grid takes events from browser pages of its customers' sites only.
        await using var grid = await LiveGrid.StartAsync(new Dictionary<string, string> { ["Ingestion:AllowedOrigins:0"] = shop.Origin });
        var site = LiveGrid.NewSite("shop");
        shop.Page = $"""
            <!doctype html>
            <html lang="en">
              <head>
                <meta charset="utf-8">
                <title>Shop</title>
                <link rel="icon" href="data:,">
                <script defer src="{grid.ApiUrl}/tracker.js" data-site="{site}"></script>
              </head>
              <body><h1>Shop</h1></body>
            </html>
            """;
        await using var chromium = await Chromium.LaunchAsync();
        var (page, errors) = await chromium.NewPageAsync();

        // A page view on load; a single-page-app navigation; a custom event; a conversion.
        await page.GotoAsync($"{shop.Origin}/products/42?ref=mail");
        await page.WaitForFunctionAsync("() => window.analytics && window.analytics.grid === 1");
        await page.EvaluateAsync("() => history.pushState({}, '', '/checkout')");
        await page.EvaluateAsync("() => analytics.track('signup', { plan: 'pro' })");
        await page.EvaluateAsync("() => analytics.conversion(49.5, { order: 'A-1' })");
        var visitor = await page.EvaluateAsync<string>("() => localStorage.getItem('grid_visitor')");

        await Eventually.Get(() => LiveGrid.EventsOfAsync(grid, site), n => n >= 4, Deadline, $"the grid to count the tracker's events of {site}");

        var pages = await Eventually.Get(() => TopPagesAsync(grid, site), p => p.Values.Sum() == 2, Deadline, "both page views in the top pages");
        Assert.Equal(new Dictionary<string, long> { ["/products/42"] = 1, ["/checkout"] = 1 }, pages);
        Assert.Equal(2, await SumAsync(grid, site, "page_views"));
        Assert.Equal(1, await SumAsync(grid, site, "page_views", "/products/42"));
        Assert.Equal(1, await SumAsync(grid, site, "page_views", "/checkout"));
        Assert.Equal(4, await LiveGrid.EventsOfAsync(grid, site));

        // What the grid holds is what the tracker sent: exactly these four events, from one visitor.
        var events = TopicLog.ReadAll(grid.Topic, ProcessGrid.Partitions).Where(e => e.Site == site).ToList();
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal(visitor, e.Visitor));
        Assert.Equal([$"{shop.Origin}/checkout", $"{shop.Origin}/products/42?ref=mail"],
            events.Where(e => e.Type == EventType.PageView).Select(e => e.Url).Order(StringComparer.Ordinal));
        var custom = Assert.Single(events, e => e.Type == EventType.Custom);
        Assert.Equal(new Dictionary<string, string> { ["name"] = "signup", ["plan"] = "pro" }, Texts(custom));
        var conversion = Assert.Single(events, e => e.Type == EventType.Conversion);
        Assert.Equal(49.5, conversion.Value);
        Assert.Equal(new Dictionary<string, string> { ["order"] = "A-1" }, Texts(conversion));

        // One visitor, who converted: the conversion rate is 100 % in every 60 s window that holds the conversion.
        var rates = await WindowsAsync(grid, site, "conversion_rate");
        Assert.Equal(12, rates.Count(w => w.Start <= conversion.Timestamp && conversion.Timestamp < w.Start + 60_000));
        Assert.All(rates, w => Assert.Equal(w.Start <= conversion.Timestamp && conversion.Timestamp < w.Start + 60_000 ? 1.0 : 0.0, w.Value));
        Assert.All(await WindowsAsync(grid, site, "active_users"), w => Assert.Equal(1.0, w.Value));
        Assert.Empty(errors);
    }

    private static Dictionary<string, string> Texts(AnalyticsEvent e) =>
        e.Props?.ToDictionary(p => p.Key, p => p.Value.ToString()) ?? [];


    private static async Task<Dictionary<string, long>> TopPagesAsync(ProcessGrid grid, string site)
    {
        var answer = await grid.Http.GetFromJsonAsync<JsonObject>($"{grid.ApiUrl}/api/sites/{site}/top-pages");
        return answer!["pages"]!.AsArray().ToDictionary(p => (string)p!["page"]!, p => (long)p!["views"]!);
    }

    private static async Task<List<(long Start, double Value)>> WindowsAsync(ProcessGrid grid, string site, string metric, string? page = null)
    {
        var query = page is null ? "" : $"?page={Uri.EscapeDataString(page)}";
        var answer = await grid.Http.GetFromJsonAsync<JsonObject>($"{grid.ApiUrl}/api/sites/{site}/metrics/{metric}{query}");
        return [.. answer!["windows"]!.AsArray().Select(w => ((long)w!["start"]!, (double)w["value"]!))];
    }

    private static async Task<double> SumAsync(ProcessGrid grid, string site, string metric, string? page = null) =>
        (await WindowsAsync(grid, site, metric, page)).Sum(w => w.Value);
}
