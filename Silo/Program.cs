using Analytics.Grains.Hosting;
using Analytics.ServiceDefaults;
using Analytics.Silo.Extensions;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
builder.AddEmbeddedKafkaWhenUnconfigured();
builder.AddServiceDefaults();
builder.UseOrleans(silo => silo
    .UseGridCluster(builder.Configuration)
    .AddAnalyticsGrid(builder.Configuration)
    .AddDashboard());

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
