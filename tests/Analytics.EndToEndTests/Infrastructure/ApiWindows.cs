using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Reference;

namespace Analytics.EndToEndTests.Infrastructure;

/// <summary>Reads every metric of every site through the query API, as a user would, and compares it with the reference.</summary>
public static class ApiWindows
{
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
