using Analytics.Deploy.Tests.Infrastructure;

namespace Analytics.Deploy.Tests;

/// <summary>
/// Every <c>Section__Key</c> variable a deployment gives the grid must name a row of the README's settings
/// table: .NET binds an unknown key to nothing and says nothing, so a misspelt setting would silently keep
/// its default.
/// </summary>
public sealed class SettingsTests
{
    private static readonly SettingsTable Settings = SettingsTable.FromReadme();

    [Fact]
    public void Compose_sets_only_documented_settings()
    {
        var compose = ComposeFile.Load();
        AssertDocumented(compose.ServicesOf(ImageName.Silo).Concat(compose.ServicesOf(ImageName.Api)).SelectMany(service =>
            ComposeFile.Environment(compose.Service(service)).Keys.Select(variable => ($"compose.yaml {service}", variable))));
    }

    [Fact]
    public void Kubernetes_sets_only_documented_settings()
    {
        var k8s = KubernetesManifests.Load();
        AssertDocumented(new[] { ImageName.Silo, ImageName.Api }.SelectMany(image =>
            KubernetesManifests.Containers(k8s.WorkloadOf(image))
                .SelectMany(container => k8s.EnvironmentOf(container).Keys)
                .Select(variable => ($"deploy/k8s {image}", variable))));
    }

    [Fact]
    public void Kubernetes_config_maps_and_secrets_hold_only_documented_settings()
    {
        var k8s = KubernetesManifests.Load();
        AssertDocumented(
            k8s.OfKind("ConfigMap").SelectMany(map => map["data"].Entries.Select(e => ($"ConfigMap {map["metadata"]["name"]}", e.Key)))
                .Concat(k8s.OfKind("Secret").SelectMany(secret => secret["stringData"].Entries.Select(e => ($"Secret {secret["metadata"]["name"]}", e.Key)))));
    }

    [Theory]
    [InlineData("deploy/docker/Silo.Dockerfile")]
    [InlineData("deploy/docker/Api.Dockerfile")]
    public void Images_set_only_documented_settings(string dockerfile) =>
        AssertDocumented(Dockerfile.Load(dockerfile).Environment.Keys.Select(variable => (dockerfile, variable)));

    [Fact]
    public void A_misspelt_setting_is_not_documented()
    {
        var table = SettingsTable.Parse(
            """
            ## Settings

            | setting | default | meaning |
            |---|---|---|
            | `Kafka:BootstrapServers` | *(empty)* | brokers |
            | `Cluster:SiloPort` / `GatewayPort` | `11111` / `30000` | ports |
            | `Kafka:ClientSettings:*` | *(none)* | librdkafka |

            ## Next
            | `Other:Key` | `1` | not a setting |
            """);

        Assert.True(table.Has(SettingsTable.KeyOf("Kafka__BootstrapServers")));
        Assert.True(table.Has(SettingsTable.KeyOf("kafka__bootstrapservers")));
        Assert.True(table.Has(SettingsTable.KeyOf("Kafka__ClientSettings__security.protocol")));
        Assert.Equal("30000", table.Default("Cluster:GatewayPort"));
        Assert.Equal("", table.Default("Kafka:BootstrapServers"));
        Assert.False(table.Has(SettingsTable.KeyOf("Kafka__BootstrapServer")));
        Assert.False(table.Has(SettingsTable.KeyOf("Kafka__ClientSettings")));
        Assert.False(table.Has("Other:Key"));
    }

    /// <summary>Variables without "__" are not grid settings (POD_IP, ASPNETCORE_HTTP_PORTS, ...).</summary>
    private static void AssertDocumented(IEnumerable<(string Where, string Variable)> variables)
    {
        var undocumented = variables
            .Where(v => v.Variable.Contains("__", StringComparison.Ordinal) && !Settings.Has(SettingsTable.KeyOf(v.Variable)))
            .Select(v => $"{v.Where}: {v.Variable} ({SettingsTable.KeyOf(v.Variable)} is not in the README's settings table)")
            .Distinct()
            .ToList();
        Assert.True(undocumented.Count == 0, string.Join("\n", undocumented));
    }
}
