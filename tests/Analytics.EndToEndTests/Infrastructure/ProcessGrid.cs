using Analytics.Testing;

namespace Analytics.EndToEndTests.Infrastructure;

/// <summary>
/// A grid of separate processes on loopback, as it runs in production: silos forming one Orleans cluster through
/// PostgreSQL (clustering and grain state, our scripts on a database of its own), the API as an Orleans client,
/// and a topic of its own on the embedded Kafka that the test process hosts.
/// </summary>
public sealed class ProcessGrid : IAsyncDisposable
{
    public const int Partitions = 12;
    // A silo that joins while the only other member lies dead (killed) pings it until the cluster declares it dead:
    // 88 s in a CI run, so the start may take longer than the 90 s this once was.
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(3);
    private readonly Dictionary<string, string> _settings;
    private readonly List<GridProcess> _processes = [];

    private ProcessGrid(string connectionString, IDictionary<string, string>? settings)
    {
        ConnectionString = connectionString;
        Topic = SharedKafka.NewTopic(Partitions);
        var id = $"e2e-{Guid.NewGuid():N}";
        _settings = new Dictionary<string, string>
        {
            ["Kafka:BootstrapServers"] = SharedKafka.Broker.BootstrapServers,
            ["Kafka:Topic"] = Topic,
            ["Kafka:Partitions"] = Partitions.ToString(),
            ["Kafka:ConsumerTimeout"] = "00:00:10",
            ["Cluster:Membership"] = "AdoNet",
            ["Cluster:Storage"] = "AdoNet",
            ["Cluster:ConnectionString"] = connectionString,
            ["Cluster:ClusterId"] = id,
            ["Cluster:ServiceId"] = id,
            // Several silo processes share one event store: PostgreSQL, as in production (DuckDB is one process's).
            ["EventStore:Provider"] = "Postgres",
            ["EventStore:ConnectionString"] = connectionString,
            ["Grid:CheckpointInterval"] = "00:00:02",
            ["Grid:FlushInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) _settings[key] = value;
    }

    public string Topic { get; }

    public string ConnectionString { get; }

    public string ApiUrl { get; private set; } = "";

    /// <summary>The silos started so far, in order (killed ones included).</summary>
    public List<GridProcess> Silos { get; } = [];

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <param name="postgres">A connection string to use instead of a fresh database (for example through a proxy the test controls).</param>
    /// <param name="api">Settings of the API process only (for example <c>Dashboard:Path</c>), over <paramref name="settings"/>.</param>
    public static async Task<ProcessGrid> StartAsync(
        int silos = 2, IDictionary<string, string>? settings = null, Func<string, string>? postgres = null, IDictionary<string, string>? api = null)
    {
        var database = await TestPostgres.CreateDatabaseAsync("e2e");
        await TestPostgres.ApplyScriptsAsync(database);
        var grid = new ProcessGrid(postgres?.Invoke(database) ?? database, settings);
        try
        {
            for (var i = 0; i < silos; i++) await grid.StartSiloAsync($"silo{i}");
            await grid.StartApiAsync(api);
            return grid;
        }
        catch
        {
            // The test never gets the grid to dispose: the processes started so far must not outlive it.
            await grid.DisposeAsync();
            throw;
        }
    }

    /// <param name="own">Settings of this silo only, over the grid's.</param>
    public async Task<GridProcess> StartSiloAsync(string name, IDictionary<string, string>? own = null)
    {
        var health = FreePorts.Next();
        var silo = Start(name, "Silo", new Dictionary<string, string>(own ?? new Dictionary<string, string>())
        {
            ["Cluster:SiloPort"] = FreePorts.Next().ToString(),
            ["Cluster:GatewayPort"] = FreePorts.Next().ToString(),
            ["Health:Port"] = health.ToString(),
        });
        silo.Url = $"http://127.0.0.1:{health}";
        Silos.Add(silo);
        await WaitUntilAnsweringAsync(silo, $"{silo.Url}/health/live");
        return silo;
    }

    private async Task StartApiAsync(IDictionary<string, string>? own)
    {
        var port = FreePorts.Next();
        ApiUrl = $"http://127.0.0.1:{port}";
        var api = Start("api", "Api", new Dictionary<string, string>(own ?? new Dictionary<string, string>()) { ["urls"] = ApiUrl });
        await WaitUntilAnsweringAsync(api, $"{ApiUrl}/health/live");
    }

    /// <summary>Runs the load generator against the API until it stops by itself.</summary>
    public async Task<GridProcess> RunLoadAsync(TimeSpan deadline, params string[] arguments)
    {
        var load = Start("load", "LoadGenerator", new Dictionary<string, string>(), ["--url", ApiUrl, .. arguments]);
        await load.WaitForExitAsync(deadline);
        return load;
    }

    private GridProcess Start(string name, string project, IDictionary<string, string> own, string[]? arguments = null)
    {
        var settings = new Dictionary<string, string>(_settings);
        foreach (var (key, value) in own) settings[key] = value;
        var process = GridProcess.Start(name, project, settings, arguments ?? []);
        _processes.Add(process);
        return process;
    }

    private async Task WaitUntilAnsweringAsync(GridProcess process, string url)
    {
        await Eventually.Get(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"{process.Name} exited with {process.ExitCode}:{Environment.NewLine}{process.Output}");
            try
            {
                return (await Http.GetAsync(url)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, up => up, StartDeadline, $"{process.Name} to answer {url}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        Http.Dispose();
    }
}
