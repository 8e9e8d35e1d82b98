using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Bench.Support;

/// <summary>
/// Appends one JSON object per run to a file (JSON Lines), so that runs on different days and machines can be
/// compared by a script: the command, its settings, the machine and its load, and the numbers.
/// </summary>
internal static class ResultsFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Append(string path, string command, object settings, object results)
    {
        var record = new
        {
            command,
            date = DateTimeOffset.UtcNow,
            machine = Machine.Describe(),
            settings,
            results,
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.AppendAllText(path, JsonSerializer.Serialize(record, Options) + Environment.NewLine);
    }
}
