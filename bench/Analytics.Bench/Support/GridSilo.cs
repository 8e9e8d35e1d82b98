using System.Net;
using System.Net.Sockets;
using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Analytics.Bench.Support;

/// <summary>
/// One silo of the grid in this process, wired as Silo/Program.cs wires it with the embedded defaults
/// (localhost clustering, memory storage "grid", AddAnalyticsGrid; no Orleans dashboard), on free loopback
/// ports, reading a topic of a broker that is already running. Production timings unless a setting overrides them.
/// </summary>
internal sealed class GridSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string? _eventStore;

    private GridSilo(IHost host, string? eventStore) => (_host, _eventStore) = (host, eventStore);

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    /// <param name="storage">
    /// How grain state is stored: <see cref="StorageFormat.Host"/> is the silo host's own wiring without PostgreSQL
    /// (<c>AddGridStorage</c>, memory storage with its default serializer); <see cref="StorageFormat.Binary"/> is memory
    /// storage with the serializer the host gives its PostgreSQL storage (OrleansGrainStorageSerializer).
    /// </param>
    public static async Task<GridSilo> StartAsync(string bootstrap, string topic, int partitions, StorageFormat storage, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrap,
            ["Kafka:Topic"] = topic,
            ["Kafka:Partitions"] = partitions.ToString(),
            // A grid with no saved state starts at its consumer group's committed offsets: each silo of the benchmark
            // is a new grid that must read the topic from the start, not where the previous one stopped.
            ["Kafka:ConsumerGroup"] = $"bench-grid-{Guid.NewGuid():N}",
            // Each silo of the benchmark writes counted events to an embedded store of its own, as deploy/run.sh does.
            ["EventStore:DuckDbPath"] = Path.Combine(Path.GetTempPath(), $"bench-events-{Guid.NewGuid():N}.duckdb"),
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        // Warnings only, on standard error: the tables on standard output are the results, but the grid's complaints stay visible.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var serviceId = $"bench-{Guid.NewGuid():N}";
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, siloPort), serviceId, serviceId)
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (serviceId, serviceId));
            AddStorage(silo, storage);
            silo.AddAnalyticsGrid(builder.Configuration);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new GridSilo(host, settings["EventStore:DuckDbPath"]);
    }

    /// <summary>
    /// Stops the silo without waiting for its grains to save and hand on their state: the benchmark keeps nothing,
    /// and a graceful stop of a busy grid takes many seconds.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped ungracefully, as intended.
        }
        _host.Dispose();
        if (_eventStore is not null && File.Exists(_eventStore)) File.Delete(_eventStore);
        if (_eventStore is not null && File.Exists(_eventStore + ".wal")) File.Delete(_eventStore + ".wal");
    }

    private static ISiloBuilder AddStorage(ISiloBuilder silo, StorageFormat storage) => storage == StorageFormat.Host
        ? silo.AddGridStorage(new ClusterSettings())
        : silo.AddMemoryGrainStorage(GridOptions.Storage, o => o.Configure<Serializer>((options, serializer) =>
            options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal enum StorageFormat
{
    Binary,
    Host,
}
