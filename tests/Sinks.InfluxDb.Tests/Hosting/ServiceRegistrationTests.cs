using Analytics.Testing;
using Analytics.Sinks.InfluxDb.Hosting;
using Analytics.Sinks.InfluxDb.Query;
using Analytics.Sinks.InfluxDb.Sink;
using Analytics.Sinks.InfluxDb.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.Hosting;

/// <summary>The sink as a host wires it: options, validation, connection, sink, all from the container.</summary>
public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task The_registered_sink_bootstraps_the_schema_and_writes()
    {
        var database = TestDatabase.NewOptions().Database;
        var observer = new RecordingObserver();
        var services = new ServiceCollection()
            .AddSingleton<Diagnostics.IInfluxSinkObserver>(observer)
            .AddInfluxDbSink(o =>
            {
                o.Url = TestServers.InfluxDb;
                o.Database = database;
                o.FlushInterval = TimeSpan.FromMilliseconds(50);
            });
        await using (var provider = services.BuildServiceProvider())
        {
            var sink = provider.GetRequiredService<IMetricSink>();
            Assert.Same(provider.GetRequiredService<InfluxSink>(), sink);
            await provider.GetRequiredService<InfluxSink>().StartAsync();

            var ticket = sink.Enqueue([Value("page_views", Now(), 3L, ("site", "a"))]);
            await ticket.Written.WaitAsync(TimeSpan.FromSeconds(20));

            var query = provider.GetRequiredService<InfluxQueryClient>();
            Assert.Equal(3, Assert.Single((await query.QueryAsync("SELECT \"value\" FROM \"raw\".\"page_views\"")).Rows).GetInt64("value"));
            Assert.Equal(1, observer.Requests(Diagnostics.WriteOutcome.Success));
            await query.QueryAsync($"DROP DATABASE {InfluxQl.Identifier(database)}", database: "");
        }
    }

    [Fact]
    public void Wrong_settings_are_reported_when_the_options_are_read()
    {
        using var provider = new ServiceCollection().AddInfluxDbSink(o => o.BatchSize = 0).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InfluxDbOptions>>().Value);

        Assert.Contains("InfluxDb: BatchSize", error.Message);
    }
}
