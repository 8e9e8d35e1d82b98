using System.Data.Common;
using System.Net;
using Analytics.Grains.Interfaces.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Analytics.Api.Extensions;

public static class GridClientExtensions
{
    /// <summary>Connects this host to the grid as an Orleans client, as the <c>Orleans</c> section says.</summary>
    public static void UseGridClient(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var problems = settings.Problems().ToList();
        if (problems.Count > 0) throw new InvalidOperationException("Invalid settings: " + string.Join("; ", problems));

        builder.UseOrleansClient(client =>
        {
            // The official Orleans dashboard: silos collect the numbers, this host serves the page at /orleans.
            client.AddDashboard();
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            if (settings.Membership == "AdoNet")
            {
                DbProviderFactories.RegisterFactory(settings.Invariant, NpgsqlFactory.Instance);
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = settings.Invariant;
                    o.ConnectionString = settings.ConnectionString;
                });
            }
            else
            {
                client.UseStaticClustering([.. settings.GatewayPortList.Select(port => new IPEndPoint(IPAddress.Loopback, port))]);
            }
        });
    }
}
