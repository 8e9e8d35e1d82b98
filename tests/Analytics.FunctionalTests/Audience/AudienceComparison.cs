using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Api.Queries;
using Analytics.Grains.Interfaces.Audience;
using Analytics.Reference;

namespace Analytics.FunctionalTests.Audience;

/// <summary>Breakdowns and distinct visitors read through the query API and compared with <see cref="ReferenceBreakdown"/>.</summary>
internal static class AudienceComparison
{
    public static readonly string[] Dimensions =
        ["source", "utm_source", "utm_medium", "utm_campaign", "page", "entry_page", "exit_page", "browser", "os", "device", "country", "prop:plan"];

    /// <summary>Every breakdown and visitor count of each site, range and filter set that differs from the reference, described.</summary>
    public static async Task<List<string>> DifferencesAsync(HttpClient http, ReferenceBreakdown reference,
        IEnumerable<string> sites, IEnumerable<(long From, long To)> ranges, IEnumerable<(string Dimension, string Value)[]> filterSets)
    {
        var differences = new List<string>();
        foreach (var site in sites)
        foreach (var (from, to) in ranges)
        foreach (var filters in filterSets)
        {
            foreach (var dimension in Dimensions)
            {
                var expected = reference.Breakdown(site, dimension, from, to, filters, limit: 1000);
                var actual = await BreakdownAsync(http, site, dimension, from, to, filters);
                differences.AddRange(Compare($"{site} {dimension} [{from}, {to}) {Describe(filters)}", expected, actual));
            }
            var visitors = await VisitorsAsync(http, site, from, to, filters);
            if (visitors != reference.Visitors(site, from, to, filters))
                differences.Add($"{site} visitors [{from}, {to}) {Describe(filters)}: grid {visitors}, reference {reference.Visitors(site, from, to, filters)}");
        }
        return differences;
    }

    public static async Task<BreakdownRow[]> BreakdownAsync(HttpClient http, string site, string dimension, long from, long to, (string, string)[] filters)
    {
        var answer = await http.GetFromJsonAsync<JsonObject>($"/api/sites/{site}/breakdown/{dimension}?{Query(from, to, filters)}&limit=1000");
        return answer!["rows"].Deserialize<BreakdownRow[]>(JsonSerializerOptions.Web)!;
    }

    private static IEnumerable<string> Compare(string what, IReadOnlyList<ReferenceRow> expected, IReadOnlyList<BreakdownRow> actual)
    {
        if (expected.Count != actual.Count)
        {
            yield return $"{what}: {actual.Count} rows, reference {expected.Count}: grid [{string.Join(", ", actual.Select(r => $"{r.Value}={r.Visitors}"))}] reference [{string.Join(", ", expected.Select(r => $"{r.Value}={r.Visitors}"))}]";
            yield break;
        }
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            if (e.Value != a.Value || e.Visitors != a.Visitors || e.Pageviews != a.Pageviews
                || Math.Abs(e.BounceRate - a.BounceRate) > 1e-9 || Math.Abs(e.VisitDuration - a.VisitDuration) > 1e-9 * Math.Max(1, e.VisitDuration))
                yield return $"{what} row {i}: grid {a}, reference {e}";
        }
    }

    private static string Describe((string Dimension, string Value)[] filters) =>
        filters.Length == 0 ? "unfiltered" : string.Join(";", filters.Select(f => $"{f.Dimension}={f.Value}"));

    /// <summary>A range route's query: the range, and the filters as the contract spells them.</summary>
    public static string Query(long from, long to, (string Dimension, string Value)[] filters) =>
        $"from={from}&to={to}" + (filters.Length == 0 ? ""
            : "&filters=" + Uri.EscapeDataString(FiltersParameter.Format(filters.Select(f => new DimensionFilter(f.Dimension, f.Value)))));

    private static async Task<long> VisitorsAsync(HttpClient http, string site, long from, long to, (string, string)[] filters) =>
        (long)(await http.GetFromJsonAsync<JsonObject>($"/api/sites/{site}/visitors?{Query(from, to, filters)}"))!["visitors"]!;
}
