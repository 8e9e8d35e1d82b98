using Analytics.Grains.Hosting;
using Analytics.ServiceDefaults;
using Analytics.Silo.Extensions;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
builder.UseHealthEndpoint();
builder.AddEmbeddedKafkaWhenUnconfigured();
builder.AddServiceDefaults();
builder.UseOrleans(silo =>
{
    silo.UseGridCluster(builder.Configuration)
        .AddAnalyticsGrid(builder.Configuration)
        .AddDashboard();
    // In Kubernetes (the pod's name comes from the downward API) the silo also follows its pod's lifecycle.
    if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAME"))) silo.UseKubernetesHosting();
});

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
