namespace Analytics.Deploy.Tests.Infrastructure;

/// <summary>Every object of the YAML files in deploy/k8s (the kustomization aside), and views of them.</summary>
internal sealed class KubernetesManifests
{
    public const string Folder = "deploy/k8s";
    public const string Kustomization = "kustomization.yaml";

    private KubernetesManifests(IReadOnlyList<(string File, YamlNode Object)> objects) => Objects = objects;

    public static KubernetesManifests Load() => new(
        [.. ManifestFiles().SelectMany(file => YamlNode.LoadAll(Repository.Read($"{Folder}/{file}"))
            .Where(document => document.Exists)
            .Select(document => (file, document)))]);

    /// <summary>File names (no folder) of the manifests: every .yaml and .yml here but the kustomization.</summary>
    public static IReadOnlyList<string> ManifestFiles() =>
        [.. Repository.Files(Folder, "*.yaml").Concat(Repository.Files(Folder, "*.yml"))
            .Select(Path.GetFileName).OfType<string>()
            .Where(name => name != Kustomization)
            .Order(StringComparer.Ordinal)];

    public IReadOnlyList<(string File, YamlNode Object)> Objects { get; }

    public IEnumerable<YamlNode> OfKind(string kind) => Objects.Select(o => o.Object).Where(o => o["kind"].Text == kind);

    public YamlNode Named(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => o["metadata"]["name"].Text == name)
        ?? throw new KeyNotFoundException($"deploy/k8s has no {kind} {name}");

    /// <summary>The workload (Deployment or StatefulSet) whose pods run <paramref name="image"/>.</summary>
    public YamlNode WorkloadOf(string image) =>
        OfKind("Deployment").Concat(OfKind("StatefulSet"))
            .Single(w => Containers(w).Any(c => c["image"].Text is { } i && ImageName.Of(i) == image));

    public static IEnumerable<YamlNode> Containers(YamlNode workload) => PodSpec(workload)["containers"].Items;

    public static YamlNode PodSpec(YamlNode workload) => workload["spec"]["template"]["spec"];

    public static IReadOnlyDictionary<string, string> PodLabels(YamlNode workload) =>
        workload["spec"]["template"]["metadata"]["labels"].Entries.ToDictionary(e => e.Key, e => e.Value.Text ?? "");

    public static YamlNode Env(YamlNode container, string name) =>
        container["env"].Items.SingleOrDefault(e => e["name"].Text == name) ?? YamlNode.Missing;

    /// <summary>A port given by number or by the name of one of the container's ports.</summary>
    public static int ResolvePort(YamlNode container, YamlNode port) =>
        int.TryParse(port.Text, out var number)
            ? number
            : int.Parse(container["ports"].Items.Single(p => p["name"].Text == port.Text)["containerPort"].Text!);

    /// <summary>The environment variables a container gets from its ConfigMaps and Secrets and its own env.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentOf(YamlNode container)
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in container["envFrom"].Items)
        {
            var (kind, data) = source["configMapRef"].Exists ? ("ConfigMap", "data") : ("Secret", "stringData");
            var reference = source["configMapRef"].Exists ? source["configMapRef"] : source["secretRef"];
            foreach (var (key, value) in Named(kind, reference["name"].Text!)[data].Entries) environment[key] = value.Text ?? "";
        }
        foreach (var variable in container["env"].Items) environment[variable["name"].Text!] = variable["value"].Text ?? "";
        return environment;
    }
}
