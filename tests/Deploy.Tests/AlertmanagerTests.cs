using Analytics.Deploy.Tests.Infrastructure;

namespace Analytics.Deploy.Tests;

/// <summary>deploy/prometheus/alertmanager.yml: valid for Alertmanager, and each tier of alerts.yml goes where it should.</summary>
public sealed class AlertmanagerTests
{
    private const string Config = "alertmanager.yml";

    [Fact]
    public void Amtool_accepts_the_configuration()
    {
        var (exitCode, output, _) = Tool.Run("amtool", AlertRules.Folder, "check-config", Config);
        Assert.True(exitCode == 0, output);
    }

    [Theory]
    [InlineData("critical", true)]
    [InlineData("warning", true)]
    [InlineData("info", false)]
    public void Critical_and_warning_alerts_are_sent_to_receivers_of_their_own_and_info_alerts_are_not_sent(string severity, bool sent)
    {
        var receiver = RouteOf(severity);
        var configs = YamlNode.Load(Repository.Read($"{AlertRules.Folder}/{Config}"))["receivers"].Items
            .Single(r => r["name"].Text == receiver)
            .Entries.Where(e => e.Key.EndsWith("_configs", StringComparison.Ordinal))
            .SelectMany(e => e.Value.Items);
        Assert.Equal(sent, configs.Any());
    }

    [Fact]
    public void Each_tier_of_the_alert_rules_has_a_receiver_of_its_own()
    {
        var tiers = AlertRules.Alerts().Select(rule => rule["labels"]["severity"].Text!).Distinct().ToList();
        Assert.Equal(tiers.Count, tiers.Select(RouteOf).Distinct().Count());
    }

    /// <summary>The receiver Alertmanager's own routing picks for an alert of this severity.</summary>
    private static string RouteOf(string severity)
    {
        var (exitCode, output, receiver) = Tool.Run("amtool", AlertRules.Folder, "config", "routes", "test", $"--config.file={Config}", $"severity={severity}", "alertname=Any");
        Assert.True(exitCode == 0, output);
        return receiver.Trim();
    }
}
