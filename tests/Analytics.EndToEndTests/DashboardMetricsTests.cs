using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Analytics.EndToEndTests.Infrastructure;
using Analytics.Testing;

namespace Analytics.EndToEndTests;

/// <summary>
/// Every Prometheus name the Grafana dashboards (deploy/grafana/dashboards) and the alert rules (deploy/prometheus/alerts.yml)
/// query is in what a running grid exports: a silo and the API as processes, after one event (the latency histogram
/// appears with its first observation) and the checkpoints that follow it.
/// </summary>
public sealed partial class DashboardMetricsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    // Made by Prometheus itself for every target, not exported by a process.
    private static readonly string[] PrometheusSeries = ["up"];

    private static readonly HashSet<string> PromQlWords =
        ["by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless"];

    [Fact]
    public async Task Every_metric_the_dashboards_and_alerts_query_is_exported_by_a_running_grid()
    {
        var queried = Queried();
        Assert.Contains("analytics_pipeline_latency_seconds_bucket", queried.Keys);

        await using var grid = await ProcessGrid.StartAsync(silos: 1);
        // Counters with known labels are there at 0 from the start; histograms appear with their first observation.
        using var posted = await grid.Http.PostAsJsonAsync($"{grid.ApiUrl}/api/events", new JsonObject
        {
            ["id"] = "e1", ["type"] = "page_view", ["site"] = "dashboards.example.com", ["visitor"] = "v1",
            ["url"] = "https://dashboards.example.com/pricing",
        });
        Assert.Equal(202, (int)posted.StatusCode);

        var missing = await Eventually.Get(async () =>
        {
            var exported = new HashSet<string>(PrometheusSeries);
            foreach (var url in new[] { grid.ApiUrl, grid.Silos[0].Url }) exported.UnionWith(Names(await grid.Http.GetStringAsync($"{url}/metrics")));
            return string.Join(", ", queried.Where(q => !exported.Contains(q.Key)).Select(q => $"{q.Key} ({q.Value})"));
        }, none => none.Length == 0, Deadline, "every queried name in a scrape");

        Assert.Equal("", missing);
    }

    /// <summary>The metric names of every PromQL expression in the dashboards and the alert rules, each with where it is.</summary>
    private static Dictionary<string, string> Queried()
    {
        var expressions = Directory.GetFiles(Path.Combine(Repository.Root, "deploy/grafana/dashboards"), "*.json")
            .SelectMany(file => JsonNode.Parse(File.ReadAllText(file))!["panels"]!.AsArray()
                .SelectMany(panel => panel!["targets"]!.AsArray())
                .Select(target => (string?)target!["expr"])
                .OfType<string>()
                .Select(expr => (Path.GetFileName(file), expr)))
            .Concat(Expr().Matches(File.ReadAllText(Path.Combine(Repository.Root, "deploy/prometheus/alerts.yml")))
                .Select(m => ("alerts.yml", m.Groups[m.Groups[1].Success ? 1 : 2].Value)));
        var names = new Dictionary<string, string>();
        foreach (var (where, expression) in expressions)
        {
            foreach (var name in MetricNames(expression)) names.TryAdd(name, where);
        }
        return names;
    }

    /// <summary>Names in a PromQL expression: identifiers that are not functions, keywords, labels or recording rules (a:b:c).</summary>
    private static IEnumerable<string> MetricNames(string expression)
    {
        var bare = LabelGroup().Replace(Brackets().Replace(expression, " "), " ");
        return Identifier().Matches(bare)
            .Where(m => !bare[(m.Index + m.Length)..].TrimStart().StartsWith('('))
            .Select(m => m.Value)
            .Where(name => !PromQlWords.Contains(name) && !name.Contains(':'));
    }

    private static IEnumerable<string> Names(string scrape) =>
        scrape.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line[..line.IndexOfAny(['{', ' '])]);

    // The expression of a rule, on one line or as a block (expr: |).
    [GeneratedRegex(@"expr: (?:\|\n((?:\s{10,}.*\n)+)|(.*))")]
    private static partial Regex Expr();

    // Label matchers {…}, ranges and subqueries […], strings.
    [GeneratedRegex(@"\{[^}]*\}|\[[^\]]*\]|""[^""]*""")]
    private static partial Regex Brackets();

    // Label lists after by, without, on, ignoring, group_left, group_right.
    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex LabelGroup();

    [GeneratedRegex(@"(?<![\w:.$])[a-zA-Z_:][\w:]*")]
    private static partial Regex Identifier();
}
