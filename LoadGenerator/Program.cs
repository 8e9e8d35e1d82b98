using System.CommandLine;
using Analytics.LoadGenerator.Cli;
using Analytics.LoadGenerator.Running;

// Ctrl+C cancels the run's token; the grace period lets in-flight requests answer and the report print.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await new LoadCommand(LoadRun.ExecuteAsync).Root.Parse(args).InvokeAsync(invocation);
