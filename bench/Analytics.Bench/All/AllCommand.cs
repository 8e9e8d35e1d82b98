using System.CommandLine;
using Analytics.Bench.Support;

namespace Analytics.Bench.All;

/// <summary>
/// <c>all</c>: every measurement in turn, with settings that keep the whole run to a few minutes on a 2-core
/// machine, then RESULTS.md: the machine and its load, the commands, the targets, and every table printed.
/// </summary>
internal static class AllCommand
{
    private static readonly Option<string> Results = BenchOptions.Of("--results", "The Markdown file written at the end (relative to the repository root)", "bench/RESULTS.md");

    /// <summary>The runs, each exactly as one would type it after the launcher.</summary>
    public static readonly string[][] Runs =
    [
        ["wire"],
        ["memory", "--visitors", "50000"],
        ["peers", "--engines", "raw", "engine", "peer", "grid", "grid-host"],
        ["latency", "--rate", "1000", "50000", "--warmup", "00:00:10", "--duration", "00:00:30"],
    ];

    /// <summary>Exceptions reach the caller: wrong settings are reported plainly, and <c>all</c> goes on with the next run.</summary>
    public static readonly InvocationConfiguration Invocation = new() { EnableDefaultExceptionHandler = false };

    public static Command Create(Func<RootCommand> root)
    {
        var command = new Command("all", "Every benchmark in turn (6 to 10 minutes on 2 cores), then RESULTS.md") { Results };
        command.SetAction(async (parse, cancellation) =>
        {
            var started = DateTimeOffset.UtcNow;
            var machine = Machine.Describe();
            // A --json given to "all" goes to every run; the default needs no repeating in the recorded commands.
            string[] json = parse.GetResult(BenchOptions.Json) is { Implicit: false } ? ["--json", parse.GetValue(BenchOptions.Json)!] : [];
            var failed = new List<string>();
            foreach (var run in Runs)
            {
                try
                {
                    var code = await root().Parse([.. run, .. json]).InvokeAsync(Invocation, cancellation);
                    if (code != 0) failed.Add($"`{BenchOptions.Launcher} {string.Join(" ", run)}` failed (exit code {code}); its section is missing.");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One failed measurement must not cost the others: the file says which one failed and why.
                    Console.Error.WriteLine(e);
                    failed.Add($"`{BenchOptions.Launcher} {string.Join(" ", run)}` failed: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}; its section is missing.");
                }
            }
            var path = BenchOptions.RepositoryPath(parse.GetValue(Results)!);
            ResultsMarkdown.Write(path, machine, started, DateTimeOffset.UtcNow, BenchOptions.CommandLine(parse), Report.Sections, failed);
            Console.Error.WriteLine($"Wrote {path}");
            return failed.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
