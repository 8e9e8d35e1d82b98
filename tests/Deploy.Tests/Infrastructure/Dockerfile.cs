using System.Text.Json;

namespace Analytics.Deploy.Tests.Infrastructure;

/// <summary>A Dockerfile as its build stages, each a list of instructions (continuation lines joined, comments dropped).</summary>
internal sealed class Dockerfile
{
    public sealed record Instruction(string Keyword, string Arguments);

    public sealed record Stage(string Image, string? Name, IReadOnlyList<Instruction> Instructions)
    {
        public IEnumerable<string> Arguments(string keyword) =>
            Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);
    }

    private Dockerfile(IReadOnlyList<Stage> stages) => Stages = stages;

    public IReadOnlyList<Stage> Stages { get; }

    public Stage Final => Stages[^1];

    public static Dockerfile Load(string relativePath) => Parse(Repository.Read(relativePath));

    public static Dockerfile Parse(string text)
    {
        var stages = new List<Stage>();
        var logical = string.Join('\n', text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => !line.TrimStart().StartsWith('#')))
            .Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var line in logical.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var space = line.IndexOf(' ');
            var instruction = new Instruction(line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--")).ToArray();
                stages.Add(new Stage(words[0], words.Length == 3 ? words[2] : null, []));
            }
            else
            {
                var current = stages[^1];
                stages[^1] = current with { Instructions = [.. current.Instructions, instruction] };
            }
        }
        return new Dockerfile(stages);
    }

    /// <summary>ENTRYPOINT in its exec (JSON array) form.</summary>
    public IReadOnlyList<string> Entrypoint =>
        JsonSerializer.Deserialize<string[]>(Final.Arguments("ENTRYPOINT").Last())
        ?? throw new InvalidOperationException("ENTRYPOINT is not a JSON array");

    /// <summary>The final image's ENV, from both <c>ENV a=b c=d</c> forms (values without spaces).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Final.Arguments("ENV")
            .SelectMany(arguments => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "");

    public IEnumerable<int> ExposedPorts =>
        Final.Arguments("EXPOSE").SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => int.Parse(p.Split('/')[0]));
}
