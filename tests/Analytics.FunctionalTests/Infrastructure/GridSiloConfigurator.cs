using Analytics.Testing;
using Analytics.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Analytics.FunctionalTests.Infrastructure;

/// <summary>A test silo wired as the Silo host wires it, with storage that survives the cluster.</summary>
public sealed class GridSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder silo)
    {
        silo.AddAnalyticsGrid(silo.Configuration);
        silo.Services.AddKeyedSingleton<IGrainStorage>(GridOptions.Storage, (sp, _) => new ProcessWideGrainStorage(
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId, sp.GetRequiredService<Serializer>()));
    }
}
