using System.CommandLine;
using Analytics.Bench.All;
using Analytics.Bench.Latency;
using Analytics.Bench.Memory;
using Analytics.Bench.Peers;
using Analytics.Bench.Store;
using Analytics.Bench.Support;
using Analytics.Bench.Wire;

var root = new RootCommand("Benchmarks of the analytics grid: each command prints Markdown tables and appends its results as JSON (--json); all writes RESULTS.md")
{
    WireCommand.Create(),
    MemoryCommand.Create(),
    PeersCommand.Create(),
    LatencyCommand.Create(),
    StoreCommand.Create(),
};
root.Subcommands.Add(AllCommand.Create(() => root));
root.Options.Add(BenchOptions.Json);
try
{
    return await root.Parse(args).InvokeAsync(AllCommand.Invocation);
}
catch (SettingsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
