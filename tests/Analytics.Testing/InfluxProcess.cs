using Xunit;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Analytics.Testing;

/// <summary>
/// An influxd of the test's own: private data, meta and WAL directories and free loopback ports, so it can be
/// killed and started again on the same data without touching the shared server.
/// </summary>
public sealed class InfluxProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);

    private readonly string _root;
    private readonly string _config;
    private readonly ConcurrentQueue<string> _lastLines = new();
    private Process? _process;

    private InfluxProcess(string root, int httpPort, int rpcPort)
    {
        _root = root;
        Url = $"http://127.0.0.1:{httpPort}";
        _config = Path.Combine(root, "influxd.conf");
        File.WriteAllText(_config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpcPort}"
            [meta]
              dir = "{root}/meta"
            [data]
              dir = "{root}/data"
              wal-dir = "{root}/wal"
              query-log-enabled = false
            [monitor]
              store-enabled = false
            [http]
              bind-address = "127.0.0.1:{httpPort}"
              log-enabled = false
            [continuous_queries]
              log-enabled = false
            [subscriber]
              enabled = false
            """);
    }

    public string Url { get; }

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<InfluxProcess> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("influxd-test-").FullName;
        var influx = new InfluxProcess(root, FreePort(), FreePort());
        await influx.StartAgainAsync();
        return influx;
    }

    /// <summary>Starts influxd (again) on the same directories and ports and waits until it answers /ping.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("influxd", ["-config", _config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"influxd could not be started ({e.Message}): run deploy/test.sh, which installs InfluxDB.");
        }
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        await Eventually.Get(
            async () =>
            {
                Assert.False(_process.HasExited, $"influxd exited early; its last lines:\n{string.Join('\n', _lastLines)}");
                try
                {
                    return (await http.GetAsync($"{Url}/ping")).StatusCode == HttpStatusCode.NoContent;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            up => up,
            StartDeadline,
            $"influxd at {Url} to answer /ping");
    }

    /// <summary>Kills influxd without warning, as a crash or a pulled plug would.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited)
            return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        _lastLines.Enqueue(line);
        while (_lastLines.Count > 20)
            _lastLines.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
