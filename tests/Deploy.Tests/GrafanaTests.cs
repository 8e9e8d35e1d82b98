using System.Text.RegularExpressions;
using Analytics.Deploy.Tests.Infrastructure;
using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Deploy.Tests;

/// <summary>
/// deploy/grafana: the dashboards are Grafana dashboards whose queries go to provisioned data sources, their InfluxDB
/// queries ask for what the sink writes, and compose and deploy/k8s both provision them. (That the Prometheus names they
/// query exist is checked against a running grid: Analytics.EndToEndTests, DashboardMetricsTests.)
/// </summary>
public sealed partial class GrafanaTests
{
    private const string ProvisioningPath = "/etc/grafana/provisioning";

    [Fact]
    public void There_are_a_pipeline_and_a_business_dashboard_with_unique_uids_and_panel_ids()
    {
        var dashboards = GrafanaFiles.Dashboards();
        Assert.Equal(["deploy/grafana/dashboards/business.json", "deploy/grafana/dashboards/pipeline-health.json"], dashboards.Select(d => d.File));
        Assert.Equal(dashboards.Count, dashboards.Select(d => (string?)d.Dashboard["uid"]).Distinct().Count());
        foreach (var (file, dashboard) in dashboards)
        {
            Assert.False(string.IsNullOrEmpty((string?)dashboard["title"]), $"{file}: no title");
            var panels = dashboard["panels"]!.AsArray();
            Assert.NotEmpty(panels);
            Assert.Equal(panels.Count, panels.Select(p => (int)p!["id"]!).Distinct().Count());
            Assert.All(panels, p => Assert.NotNull(p!["gridPos"]?["w"]));
        }
    }

    [Fact]
    public void Every_query_goes_to_a_provisioned_data_source_of_its_type()
    {
        var sources = GrafanaFiles.DatasourcesByUid();
        foreach (var (file, dashboard) in GrafanaFiles.Dashboards())
        {
            foreach (var (where, type, target) in GrafanaFiles.Targets(dashboard))
            {
                var uid = (string)(target["datasource"]?["uid"] ?? dashboard["panels"]!.AsArray().First()!["datasource"]!["uid"])!;
                Assert.True(sources.TryGetValue(uid, out var source), $"{file} {where}: no data source {uid} is provisioned");
                Assert.Equal(type, source["type"].Text);
                var query = type == "prometheus" ? (string?)target["expr"] : (string?)target["query"];
                Assert.False(string.IsNullOrWhiteSpace(query), $"{file} {where}: no query");
            }
        }
    }

    [Fact]
    public void InfluxDB_queries_ask_for_the_measurements_fields_and_tags_the_sink_writes()
    {
        var measurements = Metrics.All.Select(m => m.NameOf()).ToHashSet();
        var fields = Metrics.All.SelectMany(m => WindowMeasurements.CountsOf(m, default).Select(c => c.Field)).Append(WindowMeasurements.ValueField).ToHashSet();
        var tags = new[] { WindowMeasurements.SiteTag, WindowMeasurements.PageTag }.ToHashSet();
        var queries = GrafanaFiles.Dashboards()
            .SelectMany(d => GrafanaFiles.Targets(d.Dashboard).Where(t => t.Type == "influxdb").Select(t => ($"{d.File} {t.Where}", (string)t.Target["query"]!)))
            .ToList();
        Assert.NotEmpty(queries);
        foreach (var (where, query) in queries)
        {
            var from = From().Matches(query).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(from);
            Assert.All(from, m => Assert.True(measurements.Contains(m), $"{where}: the sink writes no measurement {m}"));
            Assert.All(FieldsOf(query), f => Assert.True(fields.Contains(f), $"{where}: the sink writes no field {f}"));
            Assert.All(TagsOf(query), t => Assert.True(tags.Contains(t), $"{where}: the sink writes no tag {t}"));
        }
    }

    [Fact]
    public void Compose_runs_grafana_with_the_provisioning_files_and_every_variable_they_read()
    {
        var compose = ComposeFile.Load();
        var grafana = compose.Service("grafana");
        var mounts = ComposeFile.Volumes(grafana).ToDictionary(v => ComposeFile.RepositoryPath(v.Source), v => v.Target);
        Assert.Equal(ProvisioningPath, mounts[$"{GrafanaFiles.Folder}/provisioning"]);
        Assert.Equal(GrafanaFiles.DashboardPath(), mounts[$"{GrafanaFiles.Folder}/dashboards"]);

        var environment = ComposeFile.Environment(grafana);
        Assert.Superset(GrafanaFiles.DatasourceVariables().ToHashSet(), environment.Keys.ToHashSet());
        var grid = ComposeFile.Environment(compose.Service("api"));
        Assert.Equal(grid["InfluxDB__Url"], environment["INFLUXDB_URL"]);
        Assert.Equal(grid["InfluxDB__Username"], environment["INFLUXDB_USER"]);
        Assert.Equal(grid["InfluxDB__Password"], environment["INFLUXDB_PASSWORD"]);
        Assert.Equal(grid["InfluxDB__Database"], GrafanaFiles.DatasourcesByUid()["influxdb"]["jsonData"]["dbName"].Text);
        Assert.Equal("http://prometheus:9090", environment["PROMETHEUS_URL"]);
    }

    [Fact]
    public void Kubernetes_runs_grafana_with_config_maps_made_of_every_grafana_file()
    {
        var kustomization = YamlNode.Load(Repository.Read($"{GrafanaFiles.Folder}/kustomization.yaml"));
        var generated = kustomization["configMapGenerator"].Items.ToDictionary(g => g["name"].Text!, g => g["files"].Texts.ToList());
        var files = Repository.Files($"{GrafanaFiles.Folder}/dashboards", "*.json")
            .Concat(Repository.Files($"{GrafanaFiles.Folder}/provisioning/datasources", "*.yml"))
            .Concat(Repository.Files($"{GrafanaFiles.Folder}/provisioning/dashboards", "*.yml"))
            .Select(f => f[(GrafanaFiles.Folder.Length + 1)..]);
        Assert.Equal(files.Order(StringComparer.Ordinal), generated.Values.SelectMany(f => f).Order(StringComparer.Ordinal));
        Assert.Equal("true", kustomization["generatorOptions"]["disableNameSuffixHash"].Text);
        var k8s = YamlNode.Load(Repository.Read($"{KubernetesManifests.Folder}/{KubernetesManifests.Kustomization}"));
        Assert.Contains("../grafana", k8s["resources"].Texts);

        var manifests = KubernetesManifests.Load();
        var pod = KubernetesManifests.PodSpec(manifests.Named("Deployment", "grafana"));
        var container = pod["containers"].Items.Single();
        var volumes = pod["volumes"].Items.ToDictionary(v => v["name"].Text!, v => v["configMap"]["name"].Text);
        var mounted = container["volumeMounts"].Items
            .Where(m => volumes[m["name"].Text!] is not null)
            .ToDictionary(m => volumes[m["name"].Text!]!, m => m["mountPath"].Text);
        Assert.Equal(generated.Keys.Order(), mounted.Keys.Order());
        Assert.Equal(GrafanaFiles.DashboardPath(), mounted[Generator(generated, "dashboards/")]);
        Assert.Equal($"{ProvisioningPath}/datasources", mounted[Generator(generated, "provisioning/datasources/")]);
        Assert.Equal($"{ProvisioningPath}/dashboards", mounted[Generator(generated, "provisioning/dashboards/")]);

        var variables = container["env"].Items.Select(e => e["name"].Text!).ToHashSet();
        Assert.Superset(GrafanaFiles.DatasourceVariables().ToHashSet(), variables);
        Assert.Equal("InfluxDB__Url", KubernetesManifests.Env(container, "INFLUXDB_URL")["valueFrom"]["configMapKeyRef"]["key"].Text);
        Assert.Equal("InfluxDB__Password", KubernetesManifests.Env(container, "INFLUXDB_PASSWORD")["valueFrom"]["secretKeyRef"]["key"].Text);
        Assert.Equal(
            manifests.Named("ConfigMap", "analytics-config")["data"]["InfluxDB__Database"].Text,
            GrafanaFiles.DatasourcesByUid()["influxdb"]["jsonData"]["dbName"].Text);
    }

    private static string Generator(IReadOnlyDictionary<string, List<string>> generated, string folder) =>
        generated.Single(g => g.Value.All(f => f.StartsWith(folder, StringComparison.Ordinal))).Key;

    private static IEnumerable<string> FieldsOf(string query) => Field().Matches(query).Select(m => m.Groups[1].Value);

    private static IEnumerable<string> TagsOf(string query) =>
        Tag().Matches(query).Concat(GroupByTag().Matches(query)).Concat(TagKey().Matches(query)).Select(m => m.Groups[1].Value);

    [GeneratedRegex("FROM \"(\\w+)\"")]
    private static partial Regex From();

    // An aggregate of a field: sum("value"), max("value").
    [GeneratedRegex("\\w+\\(\"(\\w+)\"\\)")]
    private static partial Regex Field();

    // A tag compared in WHERE: "site" = '...', "page" != ''.
    [GeneratedRegex("\"(\\w+)\" (?:=|!=|=~|!~) '")]
    private static partial Regex Tag();

    [GeneratedRegex("GROUP BY \"(\\w+)\"")]
    private static partial Regex GroupByTag();

    [GeneratedRegex("WITH KEY = \"(\\w+)\"")]
    private static partial Regex TagKey();
}
