using System.Diagnostics;

namespace Analytics.Deploy.Tests.Infrastructure;

/// <summary>Runs one of Debian's command-line tools (promtool, amtool); the test command installs them when missing.</summary>
internal static class Tool
{
    /// <returns>The exit code, standard output and error together (for messages), and standard output alone.</returns>
    public static (int ExitCode, string Output, string Stdout) Run(string tool, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = Repository.PathOf(folder), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result, stdout.Result);
    }
}
