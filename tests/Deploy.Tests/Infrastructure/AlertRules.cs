namespace Analytics.Deploy.Tests.Infrastructure;

/// <summary>deploy/prometheus: the grid's alert and recording rules and their promtool tests.</summary>
internal static class AlertRules
{
    public const string Folder = "deploy/prometheus";
    public const string File = "alerts.yml";

    /// <summary>Every rule, alerting and recording.</summary>
    public static IReadOnlyList<YamlNode> Rules() =>
        [.. YamlNode.Load(Repository.Read($"{Folder}/{File}"))["groups"].Items.SelectMany(g => g["rules"].Items)];

    public static IEnumerable<YamlNode> Alerts() => Rules().Where(rule => rule["alert"].Exists);

    /// <summary>The promtool test files (<c>alerts*.test.yml</c>), by name.</summary>
    public static IReadOnlyList<string> TestFiles() =>
        [.. Repository.Files(Folder, "alerts*.test.yml").Select(Path.GetFileName).OfType<string>()];
}
