using Analytics.EventStore.Hosting;
using Analytics.Grains.Audience;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Hosting;
using Analytics.Grains.Interfaces.Telemetry;
using Analytics.Grains.Interfaces.Time;
using Analytics.Grains.Kafka;
using Analytics.Grains.Notifications;
using Analytics.Grains.Shards;
using Analytics.Grains.Sink;
using Analytics.Sinks.InfluxDb.Diagnostics;
using Analytics.Sinks.InfluxDb.Hosting;
using Analytics.Streaming.Kafka;
using Analytics.Streaming.Kafka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Analytics.Grains.Hosting;

public static class GridSiloBuilderExtensions
{
    /// <summary>
    /// The grid on a silo: its options (sections <c>Grid</c>, <c>EventTime</c>, <c>Kafka</c>, <c>Notifications</c>), the Kafka stream
    /// provider feeding the shard grains, and the services the grains use. Storage named
    /// <see cref="GridOptions.Storage"/> must be added by the host.
    /// </summary>
    public static ISiloBuilder AddAnalyticsGrid(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<GridOptions>().Bind(configuration.GetSection(GridOptions.Section)).ValidateProblems(o => o.Problems());
        silo.Services.AddOptions<EventTimeOptions>().Bind(configuration.GetSection(EventTimeOptions.Section)).ValidateProblems(o => o.Problems());
        silo.Services.AddSingleton<IKafkaEventCodec<AnalyticsEvent>, AnalyticsEventCodec>();
        silo.Services.TryAddSingleton<PipelineMetrics>();
        silo.Services.AddSingleton<LateEventsTopic>();
        // Every counted event also goes to the event store (section EventStore), which answers breakdowns and visitors.
        silo.Services.AddEventStore(configuration);
        silo.Services.AddSingleton<EventStoreWriter>();
        silo.Services.AddHostedService<GridTelemetry>();
        silo.Services.AddHostedService<PipelineReporter>();
        silo.Services.AddTrafficNotifications(configuration);
        if (!string.IsNullOrWhiteSpace(configuration["InfluxDB:Url"]))
        {
            // Final windows also go to InfluxDB; without it, the grid keeps its retention period only.
            silo.Services.AddInfluxDbSink(o => configuration.GetSection("InfluxDB").Bind(o));
            silo.Services.AddSingleton<IInfluxSinkObserver, SinkMetricsObserver>();
            silo.Services.AddHostedService<SinkLifetime>();
        }
        silo.AddKafkaStreams<AnalyticsEvent>(GridOptions.StreamProvider, c => c.ConfigureKafka(kafka => kafka
            .Bind(configuration.GetSection("Kafka"))
            .Configure<IOptions<EventTimeOptions>>((options, time) =>
            {
                // Watermark settings are the grid's event-time rules: one place for them.
                options.MaxOutOfOrderness = time.Value.MaxOutOfOrderness;
                options.IdleTimeout = time.Value.IdleTimeout;
                options.AllowedLateness = time.Value.AllowedLateness;
                options.StreamNamespace = GridOptions.StreamNamespace;
                options.ProgressStorage = GridOptions.Storage;
            })));
        return silo;
    }
}
