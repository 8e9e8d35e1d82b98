using Analytics.Testing;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Analytics.Storage.Tests.Infrastructure;

/// <summary>
/// One silo in a generic host of its own, finding its peers through the ADO.NET membership
/// table, as a deployed silo does. Several of these in one process form a real cluster.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    public const string ServiceId = "storage-tests";

    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);

    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>This silo's own view of the cluster.</summary>
    public ClusterMembershipSnapshot Membership => Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot;

    public static async Task<TestSilo> StartAsync(string connectionString, string clusterId, Action<ISiloBuilder>? configure = null)
    {
        var (siloPort, gatewayPort) = FreeLoopbackPorts();
        var host = new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = TestPostgres.Invariant;
                    options.ConnectionString = connectionString;
                });
                configure?.Invoke(silo);
            })
            .Build();
        var silo = new TestSilo(host);
        await host.StartAsync();
        return silo;
    }

    /// <summary>A graceful stop: the silo announces its own departure in the membership table.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        using var deadline = new CancellationTokenSource(StopDeadline);
        await _host.StopAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }

    // Both ports are held open together while the system picks them, so they cannot coincide.
    private static (int Silo, int Gateway) FreeLoopbackPorts()
    {
        var silo = new TcpListener(IPAddress.Loopback, 0);
        var gateway = new TcpListener(IPAddress.Loopback, 0);
        silo.Start();
        gateway.Start();
        try
        {
            return (((IPEndPoint)silo.LocalEndpoint).Port, ((IPEndPoint)gateway.LocalEndpoint).Port);
        }
        finally
        {
            silo.Stop();
            gateway.Stop();
        }
    }
}
