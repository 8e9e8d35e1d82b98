using Analytics.Sinks.InfluxDb.Diagnostics;
using Analytics.Sinks.InfluxDb.Query;
using Analytics.Sinks.InfluxDb.Sink;
using Analytics.Sinks.InfluxDb.Writers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Sinks.InfluxDb.Hosting;

public static class InfluxDbServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="InfluxDbOptions"/> (validated at start-up), the connection, the query client and one
    /// <see cref="InfluxSink"/>, also as <see cref="IMetricSink"/>. An <see cref="IInfluxSinkObserver"/> and a
    /// <see cref="TimeProvider"/> registered by the host are used when present. The host starts the sink
    /// (<see cref="InfluxSink.StartAsync"/>) when it starts; disposing the container stops it.
    /// </summary>
    public static IServiceCollection AddInfluxDbSink(this IServiceCollection services, Action<InfluxDbOptions>? configure = null)
    {
        var options = services.AddOptions<InfluxDbOptions>();
        if (configure is not null)
            options.Configure(configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InfluxDbOptions>, InfluxDbOptionsValidator>());

        // One long-lived client: its handler recycles connections itself, so the factory need not rotate it.
        services.AddHttpClient(InfluxHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(InfluxHttp.CreateHandler)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigureHttpClient((provider, client) => InfluxHttp.Configure(client, Options(provider)));

        services.TryAddSingleton(provider => new InfluxDbConnection(
            Options(provider),
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(InfluxHttp.ClientName),
            provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton(provider => provider.GetRequiredService<InfluxDbConnection>().Query);
        services.TryAddSingleton(provider => provider.GetRequiredService<InfluxDbConnection>()
            .CreateSink(provider.GetService<IInfluxSinkObserver>(), provider.GetService<TimeProvider>()));
        services.TryAddSingleton<IMetricSink>(provider => provider.GetRequiredService<InfluxSink>());
        return services;
    }

    private static InfluxDbOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<InfluxDbOptions>>().Value;
}
