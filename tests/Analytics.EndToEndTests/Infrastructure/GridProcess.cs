using System.Collections.Concurrent;
using System.Diagnostics;

namespace Analytics.EndToEndTests.Infrastructure;

/// <summary>
/// One process of the grid (a silo, the API, the load generator) as built by the solution, with its settings
/// in the environment and its output kept for the test to read, and in a file for people to read.
/// </summary>
public sealed class GridProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter _log;

    private GridProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        _log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>Where the process serves <c>/metrics</c> and <c>/health/*</c> (none for the load generator).</summary>
    public string Url { get; internal set; } = "";

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IEnumerable<string> Lines => _lines;

    /// <param name="project">The project's folder and assembly name, for example "Silo".</param>
    public static GridProcess Start(string name, string project, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(Repository.Root, project),
        };
        start.ArgumentList.Add(Repository.Output(project));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        start.Environment["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information";
        var logs = Path.Combine(AppContext.BaseDirectory, "process-logs");
        Directory.CreateDirectory(logs);
        return new GridProcess(name, Process.Start(start)!, Path.Combine(logs, $"{DateTime.UtcNow:HHmmss}-{name}-{Guid.NewGuid():N}.log"));
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        lock (_log) _log.WriteLine(line);
    }

    /// <summary>SIGKILL: the process gets no chance to save, flush or say goodbye.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
    }

    public Task WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        return _process.WaitForExitAsync(timeout.Token);
    }

    public string Output => string.Join(Environment.NewLine, _lines);

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
