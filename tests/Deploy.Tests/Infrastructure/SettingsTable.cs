using System.Text.RegularExpressions;

namespace Analytics.Deploy.Tests.Infrastructure;

/// <summary>
/// The settings table of the repository's README (the "## Settings" section): rows of the form
/// <c>| `Section:Key` | default | meaning |</c>. A row may name more keys of the same section
/// (<c>`Cluster:SiloPort` / `GatewayPort`</c>, with defaults <c>`11111` / `30000`</c>), and a key ending in
/// <c>*</c> stands for every key under it (<c>`Kafka:ClientSettings:*`</c>). Configuration keys are
/// case-insensitive in .NET, and so are the look-ups here.
/// </summary>
internal sealed partial class SettingsTable
{
    private readonly Dictionary<string, string> _defaults;
    private readonly List<string> _prefixes;

    private SettingsTable(Dictionary<string, string> defaults, List<string> prefixes)
    {
        _defaults = defaults;
        _prefixes = prefixes;
    }

    public static SettingsTable FromReadme() => Parse(Repository.Read("README.md"));

    public static SettingsTable Parse(string markdown)
    {
        var defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new List<string>();
        foreach (var row in SettingsSection(markdown).Where(line => line.StartsWith('|')))
        {
            var cells = row.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();
            if (cells.Length < 2) continue;
            var names = Code().Matches(cells[0]).Select(match => match.Groups[1].Value).ToList();
            if (names.Count == 0 || !names[0].Contains(':')) continue;

            var section = names[0][..names[0].IndexOf(':')];
            var values = cells[1].Split(" / ");
            for (var i = 0; i < names.Count; i++)
            {
                var key = names[i].Contains(':') ? names[i] : $"{section}:{names[i]}";
                if (key.EndsWith(":*", StringComparison.Ordinal)) prefixes.Add(key[..^1]);
                else defaults[key] = Unquote(values.Length == names.Count ? values[i] : cells[1]);
            }
        }
        return new SettingsTable(defaults, prefixes);
    }

    public IEnumerable<string> Keys => _defaults.Keys;

    /// <summary>True when <paramref name="key"/> (<c>Section:Key</c>) is a row of the table or under a <c>*</c> row.</summary>
    public bool Has(string key) =>
        _defaults.ContainsKey(key) || _prefixes.Exists(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && key.Length > prefix.Length);

    /// <summary>The default column of a row: its code text, or "" for <c>*(empty)*</c>.</summary>
    public string Default(string key) =>
        _defaults.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"README settings table has no row for {key}");

    /// <summary>The setting an environment variable sets: <c>Kafka__BootstrapServers</c> is <c>Kafka:BootstrapServers</c>.</summary>
    public static string KeyOf(string environmentVariable) => environmentVariable.Replace("__", ":", StringComparison.Ordinal);

    private static IEnumerable<string> SettingsSection(string markdown) =>
        markdown.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .SkipWhile(line => line.Trim() != "## Settings")
            .Skip(1)
            .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal));

    private static string Unquote(string cell)
    {
        var code = Code().Match(cell);
        return code.Success ? code.Groups[1].Value : "";
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
