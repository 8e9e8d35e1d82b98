using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Analytics.Deploy.Tests.Infrastructure;

/// <summary>deploy/grafana: the dashboards, and the provisioning files that give Grafana its data sources and load them.</summary>
internal static partial class GrafanaFiles
{
    public const string Folder = "deploy/grafana";
    public const string Datasources = $"{Folder}/provisioning/datasources/datasources.yml";
    public const string DashboardProvider = $"{Folder}/provisioning/dashboards/dashboards.yml";

    public static IReadOnlyList<(string File, JsonObject Dashboard)> Dashboards() =>
        [.. Repository.Files($"{Folder}/dashboards", "*.json").Select(file => (file, JsonNode.Parse(Repository.Read(file))!.AsObject()))];

    /// <summary>Every query target of a dashboard with the data source type it goes to, panels and template variables alike.</summary>
    public static IEnumerable<(string Where, string Type, JsonNode Target)> Targets(JsonObject dashboard) =>
        dashboard["panels"]!.AsArray().SelectMany(panel => panel!["targets"]!.AsArray()
                .Select(target => ($"panel {panel["title"]}", (string)(target!["datasource"] ?? panel["datasource"])!["type"]!, target!)))
            .Concat(dashboard["templating"]!["list"]!.AsArray()
                .Select(variable => ($"variable {variable!["name"]}", (string)variable["datasource"]!["type"]!, (JsonNode)variable)));

    /// <summary>The provisioned data sources by uid.</summary>
    public static IReadOnlyDictionary<string, YamlNode> DatasourcesByUid() =>
        YamlNode.Load(Repository.Read(Datasources))["datasources"].Items.ToDictionary(d => d["uid"].Text!, d => d);

    /// <summary>The environment variables Grafana must have to read the data sources file (<c>${NAME}</c>).</summary>
    public static IReadOnlySet<string> DatasourceVariables() =>
        Variable().Matches(Repository.Read(Datasources)).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>Where Grafana's file provider reads dashboards from.</summary>
    public static string DashboardPath() => YamlNode.Load(Repository.Read(DashboardProvider))["providers"].Items.Single()["options"]["path"].Text!;

    [GeneratedRegex(@"\$\{(\w+)\}")]
    private static partial Regex Variable();
}
