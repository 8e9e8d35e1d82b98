using Analytics.Testing;
using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Hosting;
using Microsoft.Extensions.Configuration;
using Analytics.EventStore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Analytics.FunctionalTests.Infrastructure;

/// <summary>
/// A test silo wired as the Silo host wires it. Its storage survives the cluster: PostgreSQL when the test sets
/// <c>Cluster:Storage</c> to AdoNet, else a store that lives as long as the test process.
/// </summary>
public sealed class GridSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        silo.AddAnalyticsGrid(silo.Configuration);
        FileLog.AddTo(silo.Services, silo.Configuration["Orleans:Name"] ?? "silo");
        silo.Services.Replace(ServiceDescriptor.Singleton(sp =>
            ProcessWideEventStore.For(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId)));
        var cluster = silo.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        if (cluster.Storage == "AdoNet")
        {
            silo.AddGridStorage(cluster);
            return;
        }
        silo.Services.AddKeyedSingleton<IGrainStorage>(GridOptions.Storage, (sp, _) => new ProcessWideGrainStorage(
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, sp.GetRequiredService<Serializer>()));
    }
}
