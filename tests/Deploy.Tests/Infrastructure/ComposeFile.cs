namespace Analytics.Deploy.Tests.Infrastructure;

/// <summary>deploy/compose/compose.yaml, parsed, with the views the tests need of its services.</summary>
internal sealed class ComposeFile
{
    public const string Folder = "deploy/compose";

    private ComposeFile(YamlNode root) => Root = root;

    public static ComposeFile Load() => new(YamlNode.Load(Repository.Read($"{Folder}/compose.yaml")));

    public YamlNode Root { get; }

    public IReadOnlyDictionary<string, YamlNode> Services => Root["services"].Entries.ToDictionary();

    /// <summary>The services running <paramref name="image"/>, by name.</summary>
    public IReadOnlyList<string> ServicesOf(string image) =>
        [.. Services.Where(s => s.Value["image"].Text is { } i && ImageName.Of(i) == image).Select(s => s.Key).Order(StringComparer.Ordinal)];

    public YamlNode Service(string name) =>
        Services.TryGetValue(name, out var service) ? service : throw new KeyNotFoundException($"compose.yaml has no service {name}");

    /// <summary>A service's environment, written either as a mapping or as a list of <c>NAME=value</c>.</summary>
    public static IReadOnlyDictionary<string, string> Environment(YamlNode service)
    {
        var environment = service["environment"];
        var fromList = environment.Texts
            .Select(item => item.Split('=', 2))
            .Select(parts => KeyValuePair.Create(parts[0], parts.Length > 1 ? parts[1] : ""));
        var fromMap = environment.Entries.Select(entry => KeyValuePair.Create(entry.Key, entry.Value.Text ?? ""));
        return fromList.Concat(fromMap).ToDictionary();
    }

    /// <summary>A service's mounts as (source, target), from the short (<c>src:dst[:mode]</c>) or the long syntax.</summary>
    public static IReadOnlyList<(string Source, string Target)> Volumes(YamlNode service) =>
        [.. service["volumes"].Items.Select(volume => volume.Text is { } text
            ? (text.Split(':')[0], text.Split(':')[1])
            : (volume["source"].Text ?? "", volume["target"].Text ?? ""))];

    /// <summary>A bind mount's source as a repository-relative path (compose resolves it against its own folder).</summary>
    public static string RepositoryPath(string source) =>
        Path.GetRelativePath(Repository.Root, Repository.PathOf(Path.Combine(Folder, source))).Replace('\\', '/');
}
