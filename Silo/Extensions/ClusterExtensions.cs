using System.Data.Common;
using System.Net;
using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Analytics.Silo.Extensions;

public static class ClusterExtensions
{
    /// <summary>
    /// Clustering and grain storage from the <c>Orleans</c> section: localhost and memory by default, PostgreSQL
    /// (through Orleans' ADO.NET providers and the scripts in deploy/postgres) for a real cluster.
    /// </summary>
    public static ISiloBuilder UseGridCluster(this ISiloBuilder silo, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var problems = settings.Problems().ToList();
        if (problems.Count > 0) throw new InvalidOperationException("Invalid settings: " + string.Join("; ", problems));

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (settings.UsesAdoNet) DbProviderFactories.RegisterFactory(settings.Invariant, NpgsqlFactory.Instance);

        if (settings.Membership == "AdoNet")
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = settings.Invariant;
                o.ConnectionString = settings.ConnectionString;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort);
        }
        else
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort));
        }

        if (settings.Storage == "AdoNet")
        {
            // Grid state is written every checkpoint: Orleans' binary format keeps it compact and fast.
            silo.AddAdoNetGrainStorage(GridOptions.Storage, ob => ob.Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = settings.Invariant;
                o.ConnectionString = settings.ConnectionString;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }
        else
        {
            silo.AddMemoryGrainStorage(GridOptions.Storage);
        }
        return silo;
    }
}
