using Analytics.Deploy.Tests.Infrastructure;

namespace Analytics.Deploy.Tests;

/// <summary>deploy/k8s against what the grid and Microsoft.Orleans.Hosting.Kubernetes expect.</summary>
public sealed class KubernetesTests
{
    private const string Namespace = "analytics";
    private static readonly string[] PodVerbs = ["get", "watch", "list", "delete", "patch"];

    private readonly KubernetesManifests _k8s = KubernetesManifests.Load();

    [Fact]
    public void The_kustomization_lists_every_manifest_and_every_object_is_in_the_grid_namespace()
    {
        var kustomization = YamlNode.Load(Repository.Read($"{KubernetesManifests.Folder}/{KubernetesManifests.Kustomization}"));
        // Files of this folder; other kustomizations (../grafana) are folders.
        Assert.Equal(KubernetesManifests.ManifestFiles(), kustomization["resources"].Texts.Where(r => !r.StartsWith("../", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(Namespace, kustomization["namespace"].Text);

        Assert.Equal(Namespace, _k8s.Named("Namespace", Namespace)["metadata"]["name"].Text);
        foreach (var (file, manifest) in _k8s.Objects.Where(o => o.Object["kind"].Text != "Namespace"))
        {
            Assert.True(manifest["apiVersion"].Exists && manifest["metadata"]["name"].Exists, $"{file}: an object without apiVersion or name");
            Assert.Equal(Namespace, manifest["metadata"]["namespace"].Text);
        }
    }

    [Fact]
    public void Three_silos_carry_the_labels_and_variables_of_orleans_kubernetes_hosting()
    {
        var silos = _k8s.WorkloadOf(ImageName.Silo);
        Assert.Equal("3", silos["spec"]["replicas"].Text);

        var labels = KubernetesManifests.PodLabels(silos);
        var config = _k8s.Named("ConfigMap", "analytics-config")["data"];
        Assert.Equal(config["Cluster__ServiceId"].Text, labels["orleans/serviceId"]);
        Assert.Equal(config["Cluster__ClusterId"].Text, labels["orleans/clusterId"]);

        var silo = KubernetesManifests.Containers(silos).Single();
        AssertFieldRef(silo, "POD_NAME", "metadata.name");
        AssertFieldRef(silo, "POD_NAMESPACE", "metadata.namespace");
        AssertFieldRef(silo, "POD_IP", "status.podIP");
        AssertFieldRef(silo, "ORLEANS_SERVICE_ID", "metadata.labels['orleans/serviceId']");
        AssertFieldRef(silo, "ORLEANS_CLUSTER_ID", "metadata.labels['orleans/clusterId']");

        var environment = _k8s.EnvironmentOf(silo);
        Assert.Equal("AdoNet", environment["Cluster__Membership"]);
        Assert.Equal("AdoNet", environment["Cluster__Storage"]);
        Assert.Equal("$(POD_IP)", environment["Cluster__AdvertisedAddress"]);
        Assert.Contains("Password=", environment["Cluster__ConnectionString"]);
        Assert.Equal(
            new[] { 8081, 11111, 30000 },
            silo["ports"].Items.Select(p => int.Parse(p["containerPort"].Text!)).Order());
        Assert.Equal("8081", environment["Health__Port"]);
    }

    [Fact]
    public void The_silos_account_may_get_watch_list_delete_and_patch_pods_of_its_namespace()
    {
        var account = KubernetesManifests.PodSpec(_k8s.WorkloadOf(ImageName.Silo))["serviceAccountName"].Text!;
        Assert.Equal(account, _k8s.Named("ServiceAccount", account)["metadata"]["name"].Text);

        var roles = _k8s.OfKind("RoleBinding")
            .Where(binding => binding["subjects"].Items.Any(s => s["kind"].Text == "ServiceAccount" && s["name"].Text == account))
            .Select(binding => binding["roleRef"])
            .Where(roleRef => roleRef["kind"].Text == "Role")
            .Select(roleRef => _k8s.Named("Role", roleRef["name"].Text!));
        var podVerbs = roles
            .SelectMany(role => role["rules"].Items)
            .Where(rule => rule["apiGroups"].Texts.Contains("") && rule["resources"].Texts.Contains("pods"))
            .SelectMany(rule => rule["verbs"].Texts)
            .ToHashSet();
        Assert.Superset(PodVerbs.ToHashSet(), podVerbs);
    }

    [Theory]
    [InlineData(ImageName.Silo, 8081)]
    [InlineData(ImageName.Api, 8080)]
    public void Probes_ask_health_live_and_health_ready_on_the_health_port(string image, int port)
    {
        var container = KubernetesManifests.Containers(_k8s.WorkloadOf(image)).Single();
        AssertProbe(container, "livenessProbe", "/health/live", port);
        AssertProbe(container, "readinessProbe", "/health/ready", port);
        AssertProbe(container, "startupProbe", "/health/live", port);
    }

    [Theory]
    [InlineData(ImageName.Silo)]
    [InlineData(ImageName.Api)]
    public void Grid_pods_have_requests_and_limits_and_run_unprivileged(string image)
    {
        var workload = _k8s.WorkloadOf(image);
        Assert.Equal("true", KubernetesManifests.PodSpec(workload)["securityContext"]["runAsNonRoot"].Text);
        foreach (var container in KubernetesManifests.Containers(workload))
        {
            foreach (var bound in new[] { "requests", "limits" })
            {
                Assert.True(container["resources"][bound]["cpu"].Exists, $"{image}: no cpu {bound}");
                Assert.True(container["resources"][bound]["memory"].Exists, $"{image}: no memory {bound}");
            }
            Assert.Equal("false", container["securityContext"]["allowPrivilegeEscalation"].Text);
        }
    }

    [Fact]
    public void The_api_listens_on_8080_behind_its_service_and_ingress()
    {
        var api = _k8s.WorkloadOf(ImageName.Api);
        var container = KubernetesManifests.Containers(api).Single();
        var service = _k8s.OfKind("Service").Single(s => Selects(s["spec"]["selector"], api));
        var port = service["spec"]["ports"].Items.Single();
        Assert.Equal(8080, KubernetesManifests.ResolvePort(container, port["targetPort"]));

        var backend = _k8s.OfKind("Ingress").Single()["spec"]["rules"].Items
            .SelectMany(rule => rule["http"]["paths"].Items)
            .Select(path => path["backend"]["service"])
            .Single();
        Assert.Equal(service["metadata"]["name"].Text, backend["name"].Text);
        Assert.Equal(port["name"].Text, backend["port"]["name"].Text);
    }

    [Fact]
    public void A_disruption_budget_keeps_most_silos_up()
    {
        var silos = _k8s.WorkloadOf(ImageName.Silo);
        var budget = _k8s.OfKind("PodDisruptionBudget").Single(pdb => Selects(pdb["spec"]["selector"]["matchLabels"], silos));
        var minAvailable = int.Parse(budget["spec"]["minAvailable"].Text!);
        Assert.InRange(minAvailable, 2, int.Parse(silos["spec"]["replicas"].Text!) - 1);
    }

    [Fact]
    public void Grid_pods_take_settings_from_config_maps_and_secrets_that_exist_and_secrets_stay_readable()
    {
        foreach (var image in new[] { ImageName.Silo, ImageName.Api })
        {
            var container = KubernetesManifests.Containers(_k8s.WorkloadOf(image)).Single();
            Assert.Equal(["ConfigMap", "Secret"], container["envFrom"].Items.Select(s => s["configMapRef"].Exists ? "ConfigMap" : "Secret"));
            Assert.NotEmpty(_k8s.EnvironmentOf(container));
        }
        // Placeholders in stringData, where a reviewer sees them: base64 data could hide a real value.
        Assert.All(_k8s.OfKind("Secret"), secret => Assert.False(secret["data"].Exists));
    }

    private static bool Selects(YamlNode selector, YamlNode workload)
    {
        var labels = KubernetesManifests.PodLabels(workload);
        var wanted = selector.Entries.ToList();
        return wanted.Count > 0 && wanted.All(e => labels.TryGetValue(e.Key, out var value) && value == e.Value.Text);
    }

    private static void AssertFieldRef(YamlNode container, string variable, string fieldPath) =>
        Assert.Equal(fieldPath, KubernetesManifests.Env(container, variable)["valueFrom"]["fieldRef"]["fieldPath"].Text);

    private static void AssertProbe(YamlNode container, string probe, string path, int port)
    {
        var get = container[probe]["httpGet"];
        Assert.Equal(path, get["path"].Text);
        Assert.Equal(port, KubernetesManifests.ResolvePort(container, get["port"]));
    }
}
