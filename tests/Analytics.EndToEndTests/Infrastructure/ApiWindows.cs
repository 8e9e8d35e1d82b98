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
    public static async Task AssertEqualToReferenceAsync(ProcessGrid grid, IReadOnlyList<AnalyticsEvent> events, TimeSpan deadline)
    {
        var expected = ReferenceMetrics.Compute(events, SessionGap);
        var from = WindowShapes.Floor(events.Min(e => e.Timestamp), 60_000) - 60_000;
        var to = events.Max(e => e.Timestamp) + 60_000;
        var differences = await Eventually.Get(() => DifferencesAsync(grid.Http, grid.ApiUrl, expected, from, to),
            d => d.Count == 0, deadline, "every window to equal the reference");
        Assert.Empty(differences);
    }

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
            differences.AddRange(WindowComparison.Differences($"{site} {metric.NameOf()}", series, windows));
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
