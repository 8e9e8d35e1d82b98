using System.Text.RegularExpressions;
using Analytics.Grains.Interfaces.Events;
using Analytics.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Analytics.EndToEndTests.Live.SentEvent;

namespace Analytics.EndToEndTests.Live;

/// <summary>
/// Goals and funnels in Debian's Chromium against a grid of separate processes: a goal per kind and a funnel are made
/// through the dashboard's forms, events that reach them are posted, and the goals table and the funnel fill in with the
/// numbers worked out here from those events (METRICS.md §5); compared with the previous period (empty for a new site),
/// every change reads "new".
/// </summary>
public sealed class DashboardGoalsBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>A goal as the test matches it, apart from the grid's code: METRICS.md §5's rules written out again.</summary>
    private sealed record Goal(string Name, string? Page = null, string? Event = null, string? PropKey = null, string? PropValue = null)
    {
        public bool Matches(SentEvent e) =>
            Page is not null ? e.Type == EventType.PageView && Regex.IsMatch(new Uri(e.Url!).AbsolutePath, $"^{string.Join(".*", Page.Split('*').Select(Regex.Escape))}$")
            : Event is not null ? e.Type == EventType.Custom && e.Name == Event && (PropKey is null || e.Props?.GetValueOrDefault(PropKey) == PropValue)
            : e.Type == EventType.Conversion;
    }

    private static readonly Goal Purchase = new("purchase");
    private static readonly Goal Pricing = new("pricing", Page: "/pricing*");
    private static readonly Goal ProSignup = new("pro-signup", Event: "signup", PropKey: "plan", PropValue: "pro");
    private static readonly Goal[] Steps = [Pricing, ProSignup, Purchase];

    [Fact]
    public async Task A_goal_and_a_funnel_made_in_the_dashboard_fill_in_with_the_events_that_reach_them()
    {
        await using var grid = await LiveGrid.StartAsync();
        var site = LiveGrid.NewSite("goals");
        var origin = $"https://{site}";
        await using var chromium = await Chromium.LaunchAsync();
        var (page, errors) = await chromium.NewPageAsync();
        await page.GotoAsync($"{grid.ApiUrl}/?site={Uri.EscapeDataString(site)}&range=1h");

        // The goals and the funnel, through the forms, before any event: goals are evaluated when queried.
        await page.Locator("[data-testid=\"goal-row\"][data-goal=\"purchase\"]").WaitForAsync();
        await page.FillAsync("[data-testid=\"goal-name\"]", Pricing.Name);
        await page.FillAsync("[data-testid=\"goal-page\"]", Pricing.Page!);
        await page.ClickAsync("[data-testid=\"goal-submit\"]");
        await page.Locator($"[data-testid=\"goal-row\"][data-goal=\"{Pricing.Name}\"]").WaitForAsync();
        await page.SelectOptionAsync("[data-testid=\"goal-kind\"]", "event");
        await page.FillAsync("[data-testid=\"goal-name\"]", ProSignup.Name);
        await page.FillAsync("[data-testid=\"goal-event\"]", ProSignup.Event!);
        await page.FillAsync("[data-testid=\"goal-prop-key\"]", ProSignup.PropKey!);
        await page.FillAsync("[data-testid=\"goal-prop-value\"]", ProSignup.PropValue!);
        await page.ClickAsync("[data-testid=\"goal-submit\"]");
        await page.Locator($"[data-testid=\"goal-row\"][data-goal=\"{ProSignup.Name}\"]").WaitForAsync();
        await page.FillAsync("[data-testid=\"funnel-name\"]", "checkout");
        for (var i = 0; i < Steps.Length; i++)
        {
            await page.SelectOptionAsync($"[data-testid=\"funnel-step-goal\"][data-index=\"{i}\"]", Steps[i].Name);
        }
        await page.ClickAsync("[data-testid=\"funnel-submit\"]");
        await page.Locator("[data-testid=\"funnel-steps\"][data-funnel=\"checkout\"]").WaitForAsync();

        // Six visitors, one session each: some reach the goals in the funnel's order, some out of it, some near misses
        // (another plan, another case).
        var t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 30_000;
        SentEvent View(string visitor, int at, string path) => PageView(site, visitor, t + at, $"{origin}{path}") with { UserAgent = Chromium.UserAgent };
        SentEvent Signup(string visitor, int at, string plan) =>
            new(EventType.Custom, site, visitor, t + at, UserAgent: Chromium.UserAgent, Name: "signup", Props: new Dictionary<string, string> { ["plan"] = plan });
        SentEvent Conversion(string visitor, int at, double value) => new(EventType.Conversion, site, visitor, t + at, Value: value, UserAgent: Chromium.UserAgent);
        SentEvent[] sent =
        [
            View("ann", 0, "/pricing"), Signup("ann", 1000, "pro"), Conversion("ann", 2000, 49.90),
            View("ben", 100, "/pricing/team"), Signup("ben", 1100, "free"),
            View("cid", 200, "/pricing"), Signup("cid", 1200, "pro"),
            Signup("dee", 300, "pro"), View("dee", 1300, "/pricing"),
            View("eve", 400, "/"), Conversion("eve", 1400, 20),
            View("fay", 500, "/Pricing"),
        ];
        await SentEvents.PostAsync(grid.Http, grid.ApiUrl, [.. sent.OrderBy(e => e.Timestamp)]);
        // Goals read the event store, which takes an event once the watermark has passed its session's start.
        await SentEvents.PostClockTickAsync(grid.Http, grid.ApiUrl, sent.Max(e => e.Timestamp) + 5000);
        await Eventually.Get(() => LiveGrid.EventsOfAsync(grid, site), n => n == sent.Length, Deadline, $"the grid to count {sent.Length} events of {site}");

        var goals = ExpectedGoals(sent);
        var steps = ExpectedSteps(sent);
        output.WriteLine($"expected goals: {string.Join("; ", goals)}");
        output.WriteLine($"expected steps: {string.Join("; ", steps)}");
        await ShowsAsync(page, goals, steps, change: null);
        output.WriteLine($"Screenshot: {await Chromium.ScreenshotAsync(page, "dashboard-goals")}");

        // Compared with the hour before, when the site had no events: every change is "new".
        await page.CheckAsync("[data-testid=\"compare-toggle\"]");
        await page.WaitForURLAsync(new Regex("[?&]compare=previous_period(&|$)"));
        await ShowsAsync(page, goals, steps, change: "new");
        await Eventually.Get(() => page.Locator("[data-testid=\"visitors-change\"]").TextContentAsync(), c => c == "new", Deadline, "the Visitors card's change to read new");
        output.WriteLine($"Screenshot: {await Chromium.ScreenshotAsync(page, "dashboard-goals-compared")}");

        var shown = await DashboardReading.ReadAsync(page);
        Assert.Null(shown.Error);
        Assert.Equal(sent.Select(e => e.Visitor).Distinct().Count(), shown.ValueOf("visitors"));
        Assert.Empty(errors);
    }

    /// <summary>Each goal over the events: distinct visitors who reached it, matching events, their value, visitors ÷ all visitors.</summary>
    private static List<GoalReading> ExpectedGoals(SentEvent[] sent)
    {
        var all = sent.Select(e => e.Visitor).Distinct().Count();
        return
        [
            .. new[] { Purchase, Pricing, ProSignup }.Select(goal =>
            {
                var matched = sent.Where(goal.Matches).ToArray();
                var visitors = matched.Select(e => e.Visitor).Distinct().Count();
                // The page shows revenue for the built-in purchase only.
                return new GoalReading(goal.Name, visitors, matched.Length, (double)visitors / all, goal == Purchase ? matched.Sum(e => e.Value ?? 0) : null, null);
            }),
        ];
    }

    /// <summary>The funnel over the events: a visitor reaches step k when, in its session, a step-k event follows one that reached step k − 1.</summary>
    private static List<FunnelStepReading> ExpectedSteps(SentEvent[] sent)
    {
        var reached = Steps.Select(_ => new HashSet<string>()).ToArray();
        foreach (var session in sent.GroupBy(e => e.Visitor))
        {
            var level = 0;
            foreach (var e in session.OrderBy(e => e.Timestamp))
            {
                if (level < Steps.Length && Steps[level].Matches(e)) reached[level++].Add(e.Visitor);
            }
        }
        return
        [
            .. Steps.Select((goal, k) => new FunnelStepReading(
                goal.Name,
                reached[k].Count,
                k == 0 ? 1 : (double)reached[k].Count / reached[k - 1].Count,
                k == 0 ? 1 : (double)reached[k].Count / reached[0].Count,
                k == 0 ? 0 : reached[k - 1].Count - reached[k].Count)),
        ];
    }

    /// <summary>Waits for the goals table and the funnel to show the numbers (a live range re-reads them every 10 s).</summary>
    private static Task<GoalsReading> ShowsAsync(IPage page, List<GoalReading> goals, List<FunnelStepReading> steps, string? change) =>
        Eventually.Get(
            () => GoalsReading.ReadAsync(page),
            r => r.Funnel == "checkout" && r.Goals.SequenceEqual(goals.Select(g => g with { Change = change })) && r.Steps.SequenceEqual(steps),
            Deadline,
            $"the goals table to show {string.Join("; ", goals)} and the funnel {string.Join("; ", steps)}{(change is null ? "" : $", each change {change}")}");
}
