using Analytics.Grains.Hosting;
using Analytics.Silo.Extensions;
using Orleans.Dashboard;

var builder = Host.CreateApplicationBuilder(args);
builder.AddEmbeddedKafkaWhenUnconfigured();
builder.UseOrleans(silo => silo
    .UseGridCluster(builder.Configuration)
    .AddAnalyticsGrid(builder.Configuration)
    .AddDashboard());

await builder.Build().RunAsync();
