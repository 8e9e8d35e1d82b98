using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Analytics.Deploy.Tests.Infrastructure;

/// <summary>
/// A parsed YAML value, navigated by key and index. A missing key gives <see cref="Missing"/> rather than
/// throwing, so a test can state what it expects and fail with its own message. Merge keys (<c>&lt;&lt;: *anchor</c>,
/// which compose files use) are resolved the way Docker Compose resolves them.
/// </summary>
internal sealed class YamlNode(object? value)
{
    public static readonly YamlNode Missing = new(null);

    public bool Exists => value is not null;

    /// <summary>The scalar's text; YAML scalars are read untyped, so <c>3</c> and <c>"3"</c> both give "3".</summary>
    public string? Text => value as string;

    public YamlNode this[string key] =>
        value is IDictionary<object, object?> map && map.TryGetValue(key, out var child) ? new YamlNode(child) : Missing;

    public IEnumerable<YamlNode> Items => value is IList<object?> list ? list.Select(item => new YamlNode(item)) : [];

    public IEnumerable<KeyValuePair<string, YamlNode>> Entries =>
        value is IDictionary<object, object?> map
            ? map.Select(entry => KeyValuePair.Create(entry.Key.ToString()!, new YamlNode(entry.Value)))
            : [];

    public IEnumerable<string> Texts => Items.Select(item => item.Text).OfType<string>();

    public static IReadOnlyList<YamlNode> LoadAll(string yaml)
    {
        var parser = new MergingParser(new Parser(new StringReader(yaml)));
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<YamlNode>();
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            documents.Add(new YamlNode(deserializer.Deserialize<object?>(parser)));
        }
        return documents;
    }

    public static YamlNode Load(string yaml) => LoadAll(yaml).Single();

    public override string ToString() => value?.ToString() ?? "(missing)";
}
