using Analytics.EventStore.DuckDb;
using Analytics.EventStore.Postgres;
using Analytics.Grains.Interfaces.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Analytics.EventStore.Hosting;

public static class EventStoreExtensions
{
    /// <summary>
    /// Registers <see cref="IEventStore"/> by <c>EventStore:Provider</c> (settings checked at start-up, each wrong one
    /// named) and the service that creates its tables at start and applies the retention every hour.
    /// </summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventStoreOptions>().Bind(configuration.GetSection(EventStoreOptions.Section)).ValidateProblems(o => o.Problems());
        services.AddSingleton<IEventStore>(sp => Create(sp.GetRequiredService<IOptions<EventStoreOptions>>().Value));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<EventStoreRetention>();
        return services;
    }

    public static IEventStore Create(EventStoreOptions options)
    {
        if (options.Provider == EventStoreProvider.Postgres) return new PostgresEventStore(options.ConnectionString);
        if (options.Provider == EventStoreProvider.None) return new NoEventStore();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.DuckDbPath))!);
        return new DuckDbEventStore(options.DuckDbPath);
    }
}
