using System.Data.Common;
using System.Net;
using Analytics.Grains.Hosting;
using Analytics.Grains.Interfaces.Hosting;
using Npgsql;
using Orleans.Configuration;

namespace Analytics.Silo.Extensions;

public static class ClusterExtensions
{
    /// <summary>
    /// Clustering and grain storage from the <c>Cluster</c> section: localhost and memory by default, PostgreSQL
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
        if (settings.Membership == "AdoNet")
        {
            DbProviderFactories.RegisterFactory(settings.Invariant, NpgsqlFactory.Instance);
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

        return silo.AddGridStorage(settings);
    }
}
