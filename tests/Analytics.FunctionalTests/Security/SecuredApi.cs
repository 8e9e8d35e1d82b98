using Analytics.FunctionalTests.Infrastructure;
using Analytics.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.FunctionalTests.Security;

/// <summary>
/// Another API in front of a running grid, with security settings of its own: one cluster serves every
/// configuration a test class tries. Requests may name the address they come from (<see cref="RemoteAddress"/>),
/// and every log line of the host can be captured.
/// </summary>
public sealed class SecuredApi : IAsyncDisposable
{
    public const string Key = "test-key-0123456789abcdef";

    private readonly WebApplicationFactory<Program> _factory;

    private SecuredApi(WebApplicationFactory<Program> factory) => _factory = factory;

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>The host's services, such as the endpoint data source that lists every route it serves.</summary>
    public IServiceProvider Services => _factory.Services;

    public static SecuredApi Start(GridHost grid, IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = SharedKafka.Broker.BootstrapServers,
            ["Kafka:Topic"] = grid.Topic,
            ["Kafka:Partitions"] = GridHost.Partitions.ToString(),
            ["Cluster:ClusterId"] = grid.Cluster.Options.ClusterId,
            ["Cluster:ServiceId"] = grid.ServiceId,
            ["Cluster:GatewayPorts"] = string.Join(',', grid.Cluster.Silos.Select(s => s.GatewayAddress.Endpoint.Port)),
        };
        foreach (var (key, value) in settings) all[key] = value;

        SecuredApi? api = null;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in all) web.UseSetting(key, value);
            // Read before the host is built: the settings above. Read after: this source, last, so that it wins over
            // appsettings.json (log levels, for one).
            web.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(all));
            web.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, RemoteAddress>());
            web.ConfigureLogging(logging => logging.AddProvider(api!.Logs));
        });
        api = new SecuredApi(factory);
        try
        {
            // Starts the host now, so that a wrong setting fails here.
            _ = factory.Server;
            return api;
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>A client that neither follows redirects nor keeps cookies: tests see every answer as it is.</summary>
    public HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
