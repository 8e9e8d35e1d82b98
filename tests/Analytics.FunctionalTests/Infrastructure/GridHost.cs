using Analytics.Testing;
using Analytics.Streaming.Kafka.Progress;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Orleans.TestingHost;

namespace Analytics.FunctionalTests.Infrastructure;

/// <summary>
/// The grid as a test sees it: a TestCluster of silos reading a topic of its own on the shared embedded
/// broker, and the real API in front of it. Timings are short so that checkpoints happen within a test.
/// </summary>
public sealed class GridHost : IAsyncDisposable
{
    public const int Partitions = 12;

    private readonly Dictionary<string, string?> _settings;
    private WebApplicationFactory<Program>? _api;

    private GridHost(string topic, string serviceId, int silos, IDictionary<string, string?>? settings)
    {
        Topic = topic;
        ServiceId = serviceId;
        Silos = silos;
        _settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = SharedKafka.Broker.BootstrapServers,
            ["Kafka:Topic"] = topic,
            ["Kafka:Partitions"] = Partitions.ToString(),
            ["Kafka:ConsumerTimeout"] = "00:00:05",
            ["Grid:CheckpointInterval"] = "00:00:01",
            ["Grid:FlushInterval"] = "00:00:00.100",
        };
        // For chasing a failure: librdkafka's debug contexts (for example cgrp,fetch), logged with ANALYTICS_TEST_LOG.
        if (Environment.GetEnvironmentVariable("ANALYTICS_TEST_KAFKA_DEBUG") is { Length: > 0 } debug) _settings["Kafka:ClientSettings:debug"] = debug;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public string Topic { get; }

    public string ServiceId { get; }

    public int Silos { get; }

    public TestCluster Cluster { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IKafkaProgressGrain Progress => Cluster.Client.GetGrain<IKafkaProgressGrain>("kafka");

    /// <summary>Whether the grid has read and saved every record the topic holds now (so every reducer has had its share).</summary>
    public async Task<bool> EverythingSavedAsync()
    {
        var durable = (await Progress.GetProgress()).Durable;
        var ends = TopicLog.EndOffsets(Topic, Partitions);
        return ends.Select((end, p) => durable[p].Offset >= end).All(saved => saved);
    }

    /// <param name="topic">An existing topic, to continue where another grid left off; a new one otherwise.</param>
    public static async Task<GridHost> StartAsync(int silos = 2, string? topic = null, string? serviceId = null, IDictionary<string, string?>? settings = null)
    {
        var host = new GridHost(topic ?? SharedKafka.NewTopic(Partitions), serviceId ?? $"grid-{Guid.NewGuid():N}", silos, settings);
        await host.StartClusterAsync();
        host.StartApi();
        return host;
    }

    private async Task StartClusterAsync()
    {
        var builder = new TestClusterBuilder((short)Silos);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ClusterId = $"{ServiceId}-{Guid.NewGuid():N}";
        // Real sockets: the API connects to the silos as a separate client would.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        foreach (var (key, value) in _settings) builder.Properties[key] = value;
        builder.AddSiloBuilderConfigurator<GridSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    private void StartApi()
    {
        var gateways = string.Join(',', Cluster.Silos.Select(s => s.GatewayAddress.Endpoint.Port));
        _api = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in _settings) web.UseSetting(key, value);
            web.UseSetting("Cluster:ClusterId", Cluster.Options.ClusterId);
            web.UseSetting("Cluster:ServiceId", ServiceId);
            web.UseSetting("Cluster:GatewayPorts", gateways);
        });
        Http = _api.CreateClient();
    }

    /// <summary>
    /// Kills every silo at once, with no chance to save anything. The API stays up: ingestion needs only Kafka,
    /// so events keep being accepted while the grid is down.
    /// </summary>
    public async Task KillAllSilosAsync()
    {
        foreach (var silo in Cluster.Silos.ToList()) await Cluster.KillSiloAsync(silo);
        await Cluster.DisposeAsync();
    }

    /// <summary>Starts a new cluster on the same storage and topic, and an API connected to it.</summary>
    public async Task RestartAsync()
    {
        await StopApiAsync();
        await StartClusterAsync();
        StartApi();
    }

    /// <summary>Kills every silo, then starts a new cluster on the same storage and topic.</summary>
    public async Task KillAllSilosAndRestartAsync()
    {
        await KillAllSilosAsync();
        await RestartAsync();
    }

    private async Task StopApiAsync()
    {
        Http.Dispose();
        if (_api is not null) await _api.DisposeAsync();
        _api = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopApiAsync();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
