using Analytics.EndToEndTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Reference;
using Analytics.Testing;
using static Analytics.EndToEndTests.Live.SentEvent;

namespace Analytics.EndToEndTests.Live;

/// <summary>
/// A SignalR .NET client of the API process receives the windows that grains in separate silo processes push
/// through the web host's grain observer: provisional while they can change, then final, with the counts of the
/// events sent (computed by the reference).
/// </summary>
public sealed class SignalRClientTests
{
    private const long SessionGap = 30 * 60_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_hub_client_receives_its_sites_windows_provisional_then_final_with_the_counts_sent()
    {
        await using var grid = await ProcessGrid.StartAsync(silos: 2);
        var site = LiveGrid.NewSite("live");
        var origin = $"https://{site}";
        await using var feed = await LiveFeed.ConnectAsync(grid.ApiUrl);
        await feed.SubscribeAsync(site);
        var sent = new List<SentEvent>();

        // The web host registers with the grid as the client subscribes, and the silos learn of it within a few
        // seconds: a first visitor looks at the home page until the site's first push arrives.
        await Eventually.Get(async () =>
        {
            var look = PageView(site, "first", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), $"{origin}/");
            sent.Add(look);
            await SentEvents.PostAsync(grid.Http, grid.ApiUrl, [look]);
            return await Pushed(feed, site, TimeSpan.FromSeconds(3));
        }, pushed => pushed, Deadline, $"the first push of {site}");

        // Three visitors within one second that starts after everything sent so far, so that none of its
        // windows can be final before the test moves the watermark on.
        var s = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 + 1) * 1000;
        SentEvent[] batch =
        [
            PageView(site, "ann", s, $"{origin}/"),
            PageView(site, "ann", s + 300, $"{origin}/pricing"),
            new(EventType.Conversion, site, "ann", s + 600, Value: 20),
            PageView(site, "ben", s + 100, $"{origin}/"),
            new(EventType.Click, site, "ben", s + 400),
            PageView(site, "ben", s + 800, $"{origin}/docs"),
            PageView(site, "cid", s + 200, $"{origin}/pricing"),
            PageView(site, "cid", s + 500, $"{origin}/"),
            PageView(site, "cid", s + 900, $"{origin}/"),
        ];
        sent.AddRange(batch);
        await SentEvents.PostAsync(grid.Http, grid.ApiUrl, batch);
        var expected = ReferenceMetrics.Compute([.. sent.Select(e => e.ToAnalyticsEvent())], SessionGap);
        double Expected(Metric metric, long start) => expected.Windows[(site, metric)].GetValueOrDefault(start);

        // Provisional: the batch's second, its 5 s window, the twelve 60 s windows sliding over it and its
        // minute of session ends, each with the value of everything sent, and marked provisional.
        var active = s / 5000 * 5000;
        (Metric Metric, long Start)[] provisional =
        [
            (Metric.PageViews, s),
            (Metric.ActiveUsers, active),
            .. Enumerable.Range(0, 12).Select(k => (Metric.ConversionRate, active - k * 5000L)),
            (Metric.Sessions, s / 60_000 * 60_000),
        ];
        await Eventually.True(() => provisional.All(w => feed.Held(site, w.Metric.NameOf(), w.Start) is { Final: false } held
                && Math.Abs(held.Value - Expected(w.Metric, w.Start)) < 1e-9),
            Deadline, "the batch's windows to arrive provisional with the values of the events sent");
        // Read plainly off what was sent: seven page views in the second; ann, ben and cid (and the first
        // visitor, when a look fell in the same 5 s) active in its 5 s window.
        var views = batch.Count(e => e.Type == EventType.PageView);
        var visitors = sent.Where(e => e.Timestamp / 5000 * 5000 == active).Select(e => e.Visitor).Distinct().Count();
        Assert.Equal(views, feed.Held(site, "page_views", s)!.Value);
        Assert.Equal(visitors, feed.Held(site, "active_users", active)!.Value);

        // Another site's event 8 s later moves the grid's watermark past the batch's second and 5 s window.
        sent.Add(await SentEvents.PostClockTickAsync(grid.Http, grid.ApiUrl, s + 8000));
        await Eventually.True(() => feed.Held(site, "page_views", s) is { Final: true } && feed.Held(site, "active_users", active) is { Final: true },
            Deadline, "the batch's second and 5 s window to arrive final");
        Assert.Equal(views, feed.Held(site, "page_views", s)!.Value);
        Assert.Equal(visitors, feed.Held(site, "active_users", active)!.Value);

        // Every window the client holds has the reference's value; none was called final before the watermark
        // (newest event − 2 s) passed its end, and the batch's windows were provisional before they were final.
        var watermark = sent.Max(e => e.Timestamp) - 2000;
        foreach (var ((metric, start), w) in feed.Held(site))
        {
            Assert.True(Metrics.TryParse(metric, out var m), $"unknown metric {metric}");
            Assert.True(Math.Abs(w.Value - Expected(m, start)) < 1e-9, $"{metric} at {start}: pushed {w.Value}, the events sent make {Expected(m, start)}");
            Assert.True(!w.Final || w.End <= watermark, $"{metric} at {start} is final, but the watermark is {watermark}");
        }
        foreach (var (metric, start) in new[] { ("page_views", s), ("active_users", active) })
        {
            var pushes = feed.Pushed(site).Where(w => w.Metric == metric && w.Start == start).ToList();
            var (provisionalAt, finalAt) = (pushes.FindIndex(w => !w.Final), pushes.FindIndex(w => w.Final));
            Assert.True(provisionalAt >= 0 && provisionalAt < finalAt, $"{metric} at {start}: {string.Join(", ", pushes)}");
        }

        // Final means final on the hub too: after a window's first final push, every later push of it is final, with the same value.
        foreach (var pushes in feed.Pushed(site).GroupBy(w => (w.Metric, w.Start)).Select(g => g.ToList()))
        {
            var firstFinal = pushes.FindIndex(w => w.Final);
            if (firstFinal < 0) continue;
            Assert.All(pushes.Skip(firstFinal), w => Assert.True(w.Final && Math.Abs(w.Value - pushes[firstFinal].Value) < 1e-9,
                $"{w.Metric} at {w.Start}: pushed final with {pushes[firstFinal].Value}, later {(w.Final ? "final" : "provisional")} with {w.Value}"));
        }

        // This minute's top pages, as pushed, are the pages viewed in it.
        var minute = s / 60_000 * 60_000;
        var top = await Eventually.Get(() => Task.FromResult(feed.TopPages(site, minute)),
            t => t is not null && t.Pages.Sum(p => p.Views) == expected.TopPages[site][minute].Values.Sum(), Deadline, "this minute's top pages");
        Assert.Equal(expected.TopPages[site][minute], top!.Pages.ToDictionary(p => p.Page, p => p.Views));
    }

    private static async Task<bool> Pushed(LiveFeed feed, string site, TimeSpan within)
    {
        try
        {
            await Eventually.True(() => feed.Pushed(site).Count > 0, within, $"a push of {site}");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
