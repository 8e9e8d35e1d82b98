using System.CommandLine;

namespace Analytics.Bench.Support;

/// <summary>Options every command shares, and the check that stops a run with wrong settings before it starts.</summary>
internal static class BenchOptions
{
    /// <summary>How the benchmark is started from the repository root; RESULTS.md records each command after it.</summary>
    public const string Launcher = "dotnet run -c Release --project bench/Analytics.Bench --";

    public static readonly Option<string> Json = new("--json")
    {
        Description = "File the run's results are appended to, one JSON object per line (relative to the repository root)",
        DefaultValueFactory = _ => "bench/results.jsonl",
        Recursive = true,
    };

    /// <summary>Silo settings that replace the grid's production values, for experiments (peers and latency).</summary>
    public static readonly Option<string[]> GridSettings = new("--set")
    {
        Description = "A setting of the grid's silo (grid and grid-host rows), Section:Key=value, for example Kafka:StreamsPerPartition=4; repeatable",
        DefaultValueFactory = _ => [],
    };

    /// <summary>The <c>--set</c> values as configuration overrides; <see cref="GridSettingProblems"/> names a value without '=' or a key given twice.</summary>
    public static Dictionary<string, string?> GridOverrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        foreach (var value in parse.GetValue(GridSettings)!.Where(v => v.IndexOf('=') > 0))
            overrides[value[..value.IndexOf('=')]] = value[(value.IndexOf('=') + 1)..];
        return overrides;
    }

    public static IEnumerable<string> GridSettingProblems(ParseResult parse)
    {
        var values = parse.GetValue(GridSettings)!;
        return values.Where(v => v.IndexOf('=') <= 0).Select(v => $"--set takes Section:Key=value, not '{v}'")
            .Concat(values.Where(v => v.IndexOf('=') > 0).GroupBy(v => v[..v.IndexOf('=')]).Where(g => g.Count() > 1)
                .Select(g => $"--set gives {g.Key} more than once"));
    }

    public static Option<T> Of<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary>The command as it was given, for the results: the launcher and every token after it.</summary>
    public static string CommandLine(ParseResult parse) => $"{Launcher} {string.Join(" ", parse.Tokens.Select(t => t.Value))}";

    /// <summary>The JSON results file, relative to the repository root when there is one.</summary>
    public static string JsonPath(ParseResult parse) => RepositoryPath(parse.GetValue(Json)!);

    /// <summary>A path relative to the repository root (the folder holding Analytics.sln above the current one), else to the current folder.</summary>
    public static string RepositoryPath(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analytics.sln"))) return Path.Combine(dir.FullName, path);
        }
        return Path.GetFullPath(path);
    }

    /// <summary>Throws with every wrong setting named, so a run never starts half-configured.</summary>
    public static void Check(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        if (list.Count > 0) throw new SettingsException(string.Join(Environment.NewLine, list));
    }
}

internal sealed class SettingsException(string message) : Exception(message);
