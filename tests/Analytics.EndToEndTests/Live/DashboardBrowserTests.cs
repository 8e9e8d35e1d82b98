using Analytics.Grains.Interfaces.Events;
using Analytics.Testing;
using Xunit.Abstractions;
using static Analytics.EndToEndTests.Live.SentEvent;

namespace Analytics.EndToEndTests.Live;

/// <summary>
/// The dashboard in Debian's Chromium, served by the API process of a grid of separate processes: the numbers a
/// site owner reads on the page are the ones the events sent make, and new events show up without a reload.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_dashboard_shows_the_numbers_of_the_events_sent_and_follows_new_ones_live()
    {
        await using var grid = await LiveGrid.StartAsync();
        var site = LiveGrid.NewSite("dashboard");
        var origin = $"https://{site}";
        // Four visitors within the 5 s window that has just ended: all four are active in it, and its newest
        // second holds one page view. ann converts, dee bounces; sessions last 3.2, 3.5, 3.5 and 0 s.
        var t = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 5000 - 1) * 5000;
        SentEvent[] first =
        [
            PageView(site, "ann", t, $"{origin}/"),
            PageView(site, "ann", t + 1500, $"{origin}/pricing"),
            new(EventType.Conversion, site, "ann", t + 3200, Value: 49.90),
            PageView(site, "ben", t + 500, $"{origin}/?utm_source=mail"),
            PageView(site, "ben", t + 2500, $"{origin}/docs/"),
            new(EventType.Click, site, "ben", t + 4000),
            PageView(site, "cid", t + 1000, $"{origin}/pricing?plan=pro#faq"),
            PageView(site, "cid", t + 4500, $"{origin}/"),
            PageView(site, "dee", t + 2000, $"{origin}/"),
        ];
        // Sent in time order, as a site's visitors make them: two of them may share a partition, where an event more than
        // MaxOutOfOrderness behind one sent before it is late (METRICS.md §2, rule (a)).
        await SentEvents.PostAsync(grid.Http, grid.ApiUrl, [.. first.OrderBy(e => e.Timestamp)]);
        // Counted by the grid first, so the page's first answers already hold everything.
        await Eventually.Get(() => LiveGrid.EventsOfAsync(grid, site), n => n == first.Length, Deadline, $"the grid to count {first.Length} events of {site}");

        await using var chromium = await Chromium.LaunchAsync();
        var (page, errors) = await chromium.NewPageAsync();
        await page.GotoAsync($"{grid.ApiUrl}/?site={Uri.EscapeDataString(site)}&range=1h");

        var shown = await Eventually.Get(() => DashboardReading.ReadAsync(page), r => Differences(r).Count == 0, Deadline,
            "the dashboard to show the numbers of the events sent");
        output.WriteLine($"Screenshot: {await Chromium.ScreenshotAsync(page, "dashboard")}");
        Assert.Empty(Differences(shown));

        // The page-views chart draws the page views sent: worked out here from the events alone (Dashboard/README.md, Charts).
        var drawn = await Eventually.Get(() => DashboardReading.PlottedAsync(page, "page_views"), d => d.Length == 3 && d[1].Concat(d[2]).Any(v => v is not null),
            Deadline, "the page-views chart to be drawn");
        var views = first.Where(e => e.Type == EventType.PageView).GroupBy(e => e.Timestamp / 1000 * 1000).ToDictionary(g => g.Key, g => g.Count());
        var expectedLine = ExpectedCounts(drawn[0].Select(x => (long)x!.Value).ToArray(), views);
        output.WriteLine($"chart buckets of {drawn[0][1] - drawn[0][0]} ms: {string.Join(" ", expectedLine.Where(v => v is not null))}");
        Assert.Equal(expectedLine, drawn[1].Zip(drawn[2], (final, provisional) => final ?? provisional));

        // A new visitor reads the blog three times; then another site's event moves the watermark past every
        // window, so all of them become final. The open page hears of it through the hub (and its top pages
        // through the REST refresh), never by reloading.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        SentEvent[] second = [.. Enumerable.Range(0, 3).Select(_ => PageView(site, "eve", now, $"{origin}/blog"))];
        await SentEvents.PostAsync(grid.Http, grid.ApiUrl, second);
        await SentEvents.PostClockTickAsync(grid.Http, grid.ApiUrl, now + 5000);

        var minute = now / 60_000 * 60_000;
        var thisMinute = first.Concat(second).Where(e => e.Type == EventType.PageView && e.Timestamp >= minute)
            .GroupBy(e => PagePath.Of(new Uri(e.Url!))).Select(g => new DashboardRow(g.Key, g.Count()))
            .OrderByDescending(r => r.Views).ToList();
        var live = await Eventually.Get(() => DashboardReading.ReadAsync(page), r =>
                r["total-page-views"] == new DashboardCard("10", "10", "true")
                && r.TopPages.SequenceEqual([new("/", 4), new("/blog", 3), new("/pricing", 2), new("/docs", 1)])
                && r.LiveTopPages.SequenceEqual(thisMinute),
            Deadline, "the open page to show the new page views, all final");
        output.WriteLine($"Screenshot: {await Chromium.ScreenshotAsync(page, "dashboard-live")}");
        Assert.Equal("connected", live.Connection);
        Assert.Null(live.Error);
        Assert.Empty(errors);
    }

    /// <summary>
    /// A chart of one-second counts, bucket by bucket: the mean per second over the stretch from the first second with a view
    /// to the end of the last, a second without views counting 0; nothing outside that stretch.
    /// </summary>
    private static double?[] ExpectedCounts(long[] x, Dictionary<long, int> perSecond)
    {
        var bucket = x[1] - x[0];
        var (first, last) = (perSecond.Keys.Min(), perSecond.Keys.Max() + 1000);
        return [.. x.Select(t =>
        {
            var (from, to) = (Math.Max(t, first), Math.Min(t + bucket, last));
            if (to <= from) return (double?)null;
            return perSecond.Where(s => s.Key >= t && s.Key < t + bucket).Sum(s => s.Value) / ((to - from) / 1000.0);
        })];
    }

    /// <summary>What differs between the page and what the first events make (METRICS.md §3).</summary>
    private static List<string> Differences(DashboardReading shown)
    {
        var differences = new List<string>();
        void Expect(string testId, double value, string text)
        {
            var card = shown[testId];
            if (shown.ValueOf(testId) is not { } v || Math.Abs(v - value) > 1e-9 || card.Text != text)
                differences.Add($"{testId}: expected {text} ({value}), the page shows {card.Text} ({card.Value})");
        }
        Expect("total-page-views", 7, "7");
        Expect("page-views-latest", 1, "1");
        Expect("active-users-latest", 4, "4");
        Expect("conversion-rate-latest", 0.25, "25 %");
        Expect("avg-session-duration-latest", (3200 + 3500 + 3500 + 0) / 4.0, "0:03");
        Expect("bounce-rate-latest", 0.25, "25 %");
        Expect("total-sessions", 4, "4");
        List<DashboardRow> top = [new("/", 4), new("/pricing", 2), new("/docs", 1)];
        if (!shown.TopPages.SequenceEqual(top))
            differences.Add($"top pages: expected {string.Join(", ", top)}, the page shows {string.Join(", ", shown.TopPages)}");
        if (shown.Connection != "connected") differences.Add($"connection: {shown.Connection}");
        if (shown.Error is not null) differences.Add($"error banner: {shown.Error}");
        return differences;
    }
}
