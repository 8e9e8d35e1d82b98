using Analytics.Deploy.Tests.Infrastructure;

namespace Analytics.Deploy.Tests;

/// <summary>deploy/prometheus/alerts.yml: valid for Prometheus, and each alert fires when it should and only then.</summary>
public sealed class AlertRuleTests
{
    private static readonly string[] Severities = ["critical", "warning", "info"];

    [Fact]
    public void Promtool_accepts_the_rules()
    {
        var (exitCode, output, _) = Tool.Run("promtool", AlertRules.Folder, "check", "rules", AlertRules.File);
        Assert.True(exitCode == 0, output);
        Assert.Contains($"SUCCESS: {AlertRules.Rules().Count} rules found", output);
    }

    [Fact]
    public void Each_alert_fires_on_a_sick_grid_after_its_delay_and_stays_quiet_on_a_healthy_one()
    {
        var (exitCode, output, _) = Tool.Run("promtool", AlertRules.Folder, ["test", "rules", .. AlertRules.TestFiles()]);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Every_alert_has_a_tier_and_a_test_where_it_fires_and_one_where_it_stays_quiet()
    {
        var cases = AlertRules.TestFiles()
            .SelectMany(file => YamlNode.Load(Repository.Read($"{AlertRules.Folder}/{file}"))["tests"].Items)
            .SelectMany(test => test["alert_rule_test"].Items)
            .Select(c => (Alert: c["alertname"].Text, Fires: c["exp_alerts"].Items.Any()))
            .ToHashSet();
        foreach (var rule in AlertRules.Alerts())
        {
            var alert = rule["alert"].Text!;
            Assert.True(Severities.Contains(rule["labels"]["severity"].Text), $"{alert} has no severity critical, warning or info");
            Assert.True(cases.Contains((alert, true)), $"no rule test where {alert} fires");
            Assert.True(cases.Contains((alert, false)), $"no rule test where {alert} stays quiet");
        }
    }

    [Theory]
    [InlineData("PipelineLatencyHigh", "analytics_pipeline_latency_seconds_bucket", "> 0.5", "2m", "warning")]
    [InlineData("PipelineErrorRateHigh", "analytics_pipeline_errors_total", "> 0.01", "2m", "warning")]
    [InlineData("PipelineThroughputLow", "analytics_pipeline_events_total", "< 8000", "5m", "warning")]
    [InlineData("ProcessMemoryHigh", "analytics_process_memory_ratio", "> 0.8", "5m", "warning")]
    [InlineData("KafkaConsumerLagHigh", "kafka_consumer_lag_sum", "> 10000", "1m", "warning")]
    [InlineData("GridProcessDown", "up{job=~\"analytics-.+\"}", "== 0", "1m", "critical")]
    [InlineData("GridAvailabilityLow", "avg_over_time(up{job=~\"analytics-.+\"}[1h])", "< 0.99", null, "critical")]
    [InlineData("TrafficUnusual", "analytics:events_per_minute:same_time_previous_3_days", ">= 2", "15m", "info")]
    [InlineData("ConfigurationChanged", "analytics_build_info offset 15m", "unless", null, "info")]
    [InlineData("PipelineLatencyTrendUp", "analytics_pipeline_latency_seconds_bucket[1h] offset 1d", "> 1.5 *", "30m", "info")]
    public void Each_alert_of_the_replaced_system_is_there_with_its_threshold_delay_and_tier(
        string alert, string metric, string threshold, string? delay, string severity)
    {
        var rule = AlertRules.Alerts().Single(r => r["alert"].Text == alert);
        var expression = rule["expr"].Text;
        Assert.NotNull(expression);
        Assert.Contains(metric, expression);
        Assert.Contains(threshold, expression);
        Assert.Equal(delay, rule["for"].Text);
        Assert.Equal(severity, rule["labels"]["severity"].Text);
    }
}
