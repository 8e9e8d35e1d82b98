using System.Diagnostics;
using Analytics.Deploy.Tests.Infrastructure;

namespace Analytics.Deploy.Tests;

/// <summary>deploy/prometheus/alerts.yml: valid for Prometheus, and each alert fires when it should and only then.</summary>
public sealed class AlertRuleTests
{
    private const string Folder = "deploy/prometheus";

    [Fact]
    public void Promtool_accepts_the_rules()
    {
        var (exitCode, output) = Promtool("check", "rules", "alerts.yml");
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 5 rules found", output);
    }

    [Fact]
    public void Each_alert_fires_on_a_sick_grid_after_its_delay_and_stays_quiet_on_a_healthy_one()
    {
        var (exitCode, output) = Promtool("test", "rules", "alerts.test.yml");
        Assert.True(exitCode == 0, output);
    }

    [Theory]
    [InlineData("PipelineLatencyHigh", "analytics_pipeline_latency_seconds_bucket", "> 0.5", "2m")]
    [InlineData("PipelineErrorRateHigh", "analytics_pipeline_errors_total", "> 0.01", "2m")]
    [InlineData("PipelineThroughputLow", "analytics_pipeline_events_total", "< 8000", "5m")]
    [InlineData("ProcessMemoryHigh", "analytics_process_memory_ratio", "> 0.8", "5m")]
    [InlineData("KafkaConsumerLagHigh", "kafka_consumer_lag_sum", "> 10000", "1m")]
    public void Each_alert_of_the_replaced_system_is_there_with_its_threshold_and_delay(string alert, string metric, string threshold, string delay)
    {
        var rule = Rules().Single(r => r["alert"].Text == alert);
        var expression = rule["expr"].Text;
        Assert.NotNull(expression);
        Assert.Contains(metric, expression);
        Assert.Contains(threshold, expression);
        Assert.Equal(delay, rule["for"].Text);
    }

    private static IReadOnlyList<YamlNode> Rules() =>
        [.. YamlNode.Load(Repository.Read($"{Folder}/alerts.yml"))["groups"].Items.SelectMany(g => g["rules"].Items)];

    /// <summary>Runs Debian's promtool in the rules folder; the test command installs it when it is missing.</summary>
    private static (int ExitCode, string Output) Promtool(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool") { WorkingDirectory = Repository.PathOf(Folder), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
