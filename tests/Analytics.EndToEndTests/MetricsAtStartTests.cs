using Analytics.EndToEndTests.Infrastructure;
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
        .. new[] { "invalid_input", "payload_too_large", "rate_limited", "kafka_unavailable", "poison", "sink_failure", "sink_overflow" }
            .Select(t => $"analytics_pipeline_errors_total{{error_type=\"{t}\"}}"),
        "analytics_pipeline_late_events_total",
        "analytics_pipeline_bot_events_total",
        .. new[] { "success", "retry", "failure", "dropped" }.Select(s => $"influxdb_write_requests_total{{status=\"{s}\"}}"),
    ];

    [Fact]
    public async Task The_first_scrape_of_a_fresh_api_and_silo_has_every_known_series_at_zero()
    {
        await using var grid = await ProcessGrid.StartAsync(silos: 1);

        foreach (var url in new[] { grid.ApiUrl, grid.Silos[0].Url })
        {
            var scrape = PrometheusSamples.Parse(await grid.Http.GetStringAsync($"{url}/metrics"));
            var missing = Series.Where(series => !scrape.Contains((series, 0))).ToList();
            Assert.True(missing.Count == 0, $"{url}/metrics lacks at 0: {string.Join(", ", missing)}");
        }
    }
}
