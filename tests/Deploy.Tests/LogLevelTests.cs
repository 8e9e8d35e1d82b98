using Analytics.Deploy.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Analytics.Deploy.Tests;

/// <summary>
/// The console of <c>deploy/run.sh</c> at the hosts' own settings (their <c>appsettings.json</c>): quiet at Information
/// for libraries that log per call (Polly logged two lines for every grain placement), while the grid's own lines,
/// the silo's start and stop, and warnings from anyone still show.
/// </summary>
public sealed class LogLevelTests
{
    [Theory]
    [InlineData("Silo", "Polly")]
    [InlineData("Silo", "Orleans.Runtime.SiloOptionsLogger")]
    [InlineData("Silo", "System.Net.Http.HttpClient.InfluxDB.LogicalHandler")]
    [InlineData("Api", "Polly")]
    [InlineData("Api", "Microsoft.Extensions.Http.Resilience")]
    [InlineData("Api", "System.Net.Http.HttpClient.influxdb-health.ClientHandler")]
    public void Chatty_libraries_log_warnings_only(string host, string category)
    {
        Assert.False(Logs(host, category, LogLevel.Information), $"{host} logs {category} at Information");
        Assert.True(Logs(host, category, LogLevel.Warning), $"{host} hides {category} warnings");
    }

    [Theory]
    [InlineData("Silo", "Analytics.Streaming.Kafka.Providers.KafkaReceiver")]
    [InlineData("Silo", "Orleans.Runtime.Silo")]
    [InlineData("Silo", "Microsoft.Hosting.Lifetime")]
    [InlineData("Api", "Analytics.Api.Live.LiveObserver")]
    [InlineData("Api", "Microsoft.Hosting.Lifetime")]
    public void The_grids_own_lines_show_at_information(string host, string category) =>
        Assert.True(Logs(host, category, LogLevel.Information), $"{host} hides {category} at Information");

    private static bool Logs(string host, string category, LogLevel level)
    {
        // The hosts' own configuration path: appsettings.json from their content root, as deploy/run.sh starts them.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Repository.PathOf(host), EnvironmentName = "Production" });
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(level);
    }
}
