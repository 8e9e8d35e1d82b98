using Analytics.EndToEndTests.Infrastructure;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Analytics.Testing;

namespace Analytics.EndToEndTests;

/// <summary>
/// A counter with known labels is exported at 0 from the start (Prometheus' instrumentation guide), so a panel or a
/// <c>rate()</c> over a healthy grid that has had no error, late event or write yet reads 0, not "no data".
/// </summary>
public sealed class MetricsAtStartTests
{
    // The label values METRICS.md §4 and the README name; written out here so that one missing from the code's lists fails.
    private static readonly string[] Series =
    [
        .. new[] { "page_view", "click", "conversion", "custom" }.Select(t => $"analytics_pipeline_events_total{{event_type=\"{t}\"}}"),
        .. new[] { "invalid_input", "payload_too_large", "rate_limited", "kafka_unavailable", "salt_unavailable", "poison", "sink_failure", "sink_overflow" }
            .Select(t => $"analytics_pipeline_errors_total{{error_type=\"{t}\"}}"),
        "analytics_pipeline_late_events_total",
        "analytics_pipeline_bot_events_total",
        .. new[] { "success", "retry", "failure", "dropped" }.Select(s => $"influxdb_write_requests_total{{status=\"{s}\"}}"),
    ];

    [Fact]
    public async Task The_first_scrape_of_a_fresh_api_and_silo_has_every_known_series_at_zero_and_bots_events_count_as_answered()
    {
        await using var grid = await ProcessGrid.StartAsync(silos: 1);

        foreach (var url in new[] { grid.ApiUrl, grid.Silos[0].Url })
        {
            var scrape = PrometheusSamples.Parse(await grid.Http.GetStringAsync($"{url}/metrics"));
            var missing = Series.Where(series => !scrape.Contains((series, 0))).ToList();
            Assert.True(missing.Count == 0, $"{url}/metrics lacks at 0: {string.Join(", ", missing)}");
        }

        // Bots' events are counted as the API answers them (METRICS.md §3b); a person's event is not.
        var events = new JsonArray([.. new[] { "bot-1", "bot-2", "bot-3" }.Select(id => TestEvent(id, UserAgents.Googlebot)), TestEvent("person", UserAgents.DesktopChrome)]);
        var response = await grid.Http.PostAsync($"{grid.ApiUrl}/api/events", new StringContent(events.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var bots = PrometheusSamples.Parse(await grid.Http.GetStringAsync($"{grid.ApiUrl}/metrics")).Where(s => s.Series == "analytics_pipeline_bot_events_total").Sum(s => s.Value);
        Assert.Equal(3, bots);
    }

    private static JsonObject TestEvent(string id, string userAgent) => new()
    {
        ["id"] = id, ["type"] = "page_view", ["site"] = "bots.example.com", ["visitor"] = "v-" + id,
        ["url"] = "https://bots.example.com/", ["userAgent"] = userAgent,
    };
}
