using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Reference;
using Analytics.Testing;

namespace Analytics.EndToEndTests.Infrastructure;

/// <summary>Reads every metric of every site through the query API, as a user would, and compares it with the reference.</summary>
public static class ApiWindows
{
    private const long SessionGap = 30 * 60_000;

    /// <summary>Waits until every window of every metric the API answers equals the reference computed from <paramref name="events"/>.</summary>
    public static Task AssertEqualToReferenceAsync(ProcessGrid grid, IReadOnlyList<AnalyticsEvent> events, TimeSpan deadline) =>
        AssertEqualToReferenceAsync(grid, ReferenceMetrics.Compute(events, SessionGap), events, deadline);

    /// <summary>Also every page's windows and every minute's top pages, once the metrics are equal.</summary>
    public static async Task AssertEqualToReferenceAsync(ProcessGrid grid, ReferenceMetrics expected, IReadOnlyList<AnalyticsEvent> events, TimeSpan deadline)
    {
        var from = WindowShapes.Floor(events.Min(e => e.Timestamp), 60_000) - 60_000;
        var to = events.Max(e => e.Timestamp) + 60_000;
        var differences = await Eventually.Get(() => DifferencesAsync(grid.Http, grid.ApiUrl, expected, from, to),
            d => d.Count == 0, deadline, "every window to equal the reference");
        Assert.Empty(differences);
        Assert.Empty(await PageDifferencesAsync(grid.Http, grid.ApiUrl, expected, from, to));
    }

    /// <summary>Every page's 1 s windows and every minute's top pages, against the reference.</summary>
    public static async Task<List<string>> PageDifferencesAsync(HttpClient http, string api, ReferenceMetrics expected, long from, long to)
    {
        var differences = new List<string>();
        foreach (var ((site, page), series) in expected.PageViews)
        {
            var answer = await http.GetFromJsonAsync<JsonObject>($"{api}/api/sites/{Uri.EscapeDataString(site)}/metrics/page_views?from={from}&to={to}&page={Uri.EscapeDataString(page)}");
            var windows = answer!["windows"]!.AsArray().ToDictionary(w => (long)w!["start"]!, w => (double)w!["value"]!);
            differences.AddRange(WindowComparison.Differences(ReferenceMetrics.PageSeriesName(site, page), series.ToDictionary(s => s.Key, s => (double)s.Value), windows));
        }
        foreach (var (site, minutes) in expected.TopPages)
        {
            foreach (var (minute, pages) in minutes)
            {
                var answer = await http.GetFromJsonAsync<JsonObject>($"{api}/api/sites/{Uri.EscapeDataString(site)}/top-pages?from={minute}&to={minute + 60_000}&limit=100");
                var top = answer!["pages"]!.AsArray().Select(p => $"{(string)p!["page"]!}={(long)p!["views"]!}");
                var reference = pages.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}");
                if (!reference.SequenceEqual(top))
                    differences.Add($"{site} top pages of minute {minute}: expected {string.Join(",", reference)}, the API says {string.Join(",", top)}");
            }
        }
        return differences;
    }

    /// <summary>Watches every metric of the given sites through the API, for <see cref="FinalWindowWatch"/>.</summary>
    public static FinalWindowWatch Watch(ProcessGrid grid, IReadOnlyList<string> sites) => new(async () =>
    {
        var seen = new List<SeenWindow>();
        var to = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60_000;
        foreach (var site in sites)
        {
            foreach (var metric in Enum.GetValues<Metric>())
            {
                var answer = await grid.Http.GetFromJsonAsync<JsonObject>($"{grid.ApiUrl}/api/sites/{Uri.EscapeDataString(site)}/metrics/{metric.NameOf()}?from={to - 3_600_000}&to={to}");
                seen.AddRange(answer!["windows"]!.AsArray().Select(w => new SeenWindow(
                    ReferenceMetrics.SeriesName(site, metric), (long)w!["start"]!, (double)w!["value"]!, (bool)w!["final"]!)));
            }
        }
        return seen;
    }, TimeSpan.FromSeconds(1));

    /// <summary>Events counted over all sites; -1 while the API cannot answer (a silo that died is not yet declared dead).</summary>
    public static async Task<long> CountedAsync(ProcessGrid grid)
    {
        try
        {
            var sites = await grid.Http.GetFromJsonAsync<JsonObject>($"{grid.ApiUrl}/api/sites");
            return sites!["sites"]!.AsArray().Sum(s => (long)s!["events"]!);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return -1;
        }
    }

    public static async Task<List<string>> DifferencesAsync(HttpClient http, string api, ReferenceMetrics expected, long from, long to)
    {
        var differences = new List<string>();
        foreach (var ((site, metric), series) in expected.Windows)
        {
            var answer = await http.GetFromJsonAsync<JsonObject>($"{api}/api/sites/{Uri.EscapeDataString(site)}/metrics/{metric.NameOf()}?from={from}&to={to}");
            var windows = answer!["windows"]!.AsArray().ToDictionary(w => (long)w!["start"]!, w => (double)w!["value"]!);
            differences.AddRange(WindowComparison.Differences(ReferenceMetrics.SeriesName(site, metric), series, windows));
        }
        var sites = await http.GetFromJsonAsync<JsonObject>($"{api}/api/sites");
        var counts = sites!["sites"]!.AsArray().ToDictionary(s => (string)s!["site"]!, s => (long)s!["events"]!);
        foreach (var (site, events) in expected.Events.Where(e => e.Key != "*"))
        {
            if (counts.GetValueOrDefault(site) != events) differences.Add($"{site}: expected {events} events, the API says {counts.GetValueOrDefault(site)}");
        }
        return differences;
    }
}
