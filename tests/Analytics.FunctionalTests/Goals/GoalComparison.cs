using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Audience;
using Analytics.Grains.Interfaces.Goals;
using Analytics.Reference;

namespace Analytics.FunctionalTests.Goals;

/// <summary>
/// Goals and funnels defined through the API once a log is in (so they answer for the past), then every conversion
/// answer and funnel step read through the API and compared with <see cref="ReferenceGoals"/>: counts exact, ratios and
/// revenue to 1e-9.
/// </summary>
internal static class GoalComparison
{
    /// <summary>Goals over the reference logs' pages (<c>/</c>, <c>/p0</c>…<c>/p19</c>), custom event names and plans.</summary>
    public static readonly GoalDefinition[] Goals =
    [
        GoalDefinition.Purchase,
        new("p1-pages", Page: "/p1*"),
        new("p5", Page: "/p5"),
        new("signup-pro", Event: "signup", Props: new Dictionary<string, string> { ["plan"] = "pro" }),
        new("download", Event: "download"),
    ];

    public static readonly FunnelDefinition[] Funnels =
    [
        new("p1-then-buy", ["p1-pages", "purchase"]),
        new("signup-path", ["signup-pro", "p1-pages", "purchase"]),
        new("four-steps", ["p1-pages", "download", "p5", "purchase"]),
    ];

    public static async Task DefineAsync(HttpClient http, string site)
    {
        foreach (var goal in Goals.Where(g => !g.BuiltIn))
        {
            var body = goal.Page is { } page ? new JsonObject { ["page"] = page } : new JsonObject { ["event"] = goal.Event };
            if (goal.Props is { } props) body["props"] = new JsonObject(props.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
            Assert.Equal(HttpStatusCode.Created, (await http.PutAsync($"/api/sites/{site}/goals/{goal.Name}", body.ToJsonString())).StatusCode);
        }
        foreach (var funnel in Funnels)
        {
            var body = new JsonObject { ["steps"] = new JsonArray([.. funnel.Steps.Select(s => (JsonNode?)s)]) };
            Assert.Equal(HttpStatusCode.Created, (await http.PutAsync($"/api/sites/{site}/funnels/{funnel.Name}", body.ToJsonString())).StatusCode);
        }
    }

    /// <summary>Every goal and funnel answer of each range and filter set that differs from the reference, described.</summary>
    public static async Task<List<string>> DifferencesAsync(HttpClient http, ReferenceBreakdown log, string site,
        IEnumerable<(long From, long To)> ranges, IEnumerable<(string Dimension, string Value)[]> filterSets)
    {
        var reference = new ReferenceGoals(log);
        var differences = new List<string>();
        foreach (var (from, to) in ranges)
        foreach (var filters in filterSets)
        {
            var what = $"[{from}, {to}) {(filters.Length == 0 ? "unfiltered" : string.Join(";", filters.Select(f => $"{f.Dimension}={f.Value}")))}";
            var visitors = log.Visitors(site, from, to, filters);
            foreach (var goal in Goals)
            {
                var expected = reference.Goal(site, goal, from, to, filters);
                var actual = (await http.GetFromJsonAsync<JsonObject>($"/api/sites/{site}/goals/{goal.Name}/conversions?{AudienceComparison.Query(from, to, filters)}"))!;
                var rate = visitors == 0 ? 0 : (double)expected.Visitors / visitors;
                var average = expected.Conversions == 0 ? 0 : expected.Revenue / expected.Conversions;
                if ((long)actual["visitors"]! != expected.Visitors || (long)actual["conversions"]! != expected.Conversions
                    || !Near((double)actual["conversionRate"]!, rate) || !Near((double)actual["revenue"]!, expected.Revenue)
                    || !Near((double)actual["averageRevenue"]!, average))
                    differences.Add($"goal {goal.Name} {what}: grid {actual.ToJsonString()}, reference {expected} rate {rate} average {average}");
            }
            foreach (var funnel in Funnels)
            {
                var steps = funnel.Steps.Select(name => Goals.Single(g => g.Name == name)).ToList();
                var expected = reference.Funnel(site, steps, from, to, filters);
                var actual = (await http.GetFromJsonAsync<JsonObject>($"/api/sites/{site}/funnels/{funnel.Name}/steps?{AudienceComparison.Query(from, to, filters)}"))!["steps"]!.AsArray();
                for (var k = 0; k < expected.Length; k++)
                {
                    var previous = k == 0 ? expected[0] : expected[k - 1];
                    var fromPrevious = k == 0 ? 1 : previous == 0 ? 0 : (double)expected[k] / previous;
                    var fromFirst = k == 0 ? 1 : expected[0] == 0 ? 0 : (double)expected[k] / expected[0];
                    var step = actual[k]!;
                    if ((string)step["goal"]! != funnel.Steps[k] || (long)step["visitors"]! != expected[k] || (long)step["dropOff"]! != previous - expected[k]
                        || !Near((double)step["fromPrevious"]!, fromPrevious) || !Near((double)step["fromFirst"]!, fromFirst))
                        differences.Add($"funnel {funnel.Name} step {k} {what}: grid {step.ToJsonString()}, reference {expected[k]} of [{string.Join(", ", expected)}]");
                }
            }
        }
        return differences;
    }

    private static bool Near(double actual, double expected) => Math.Abs(actual - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected));
}
