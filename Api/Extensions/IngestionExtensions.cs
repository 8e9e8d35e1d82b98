using Analytics.Api.Ingestion;
using Analytics.Enrichment.Hosting;
using Analytics.Grains.Interfaces.Hosting;
using Analytics.Grains.Interfaces.Telemetry;
using Analytics.Grains.Interfaces.Time;
using Analytics.Grains.Interfaces.Visitors;
using Analytics.Streaming.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Analytics.Api.Extensions;

public static class IngestionExtensions
{
    public static void AddIngestion(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestionOptions>().Bind(builder.Configuration.GetSection(IngestionOptions.Section)).ValidateProblems(o => o.Problems());
        builder.Services.AddOptions<EventTimeOptions>().Bind(builder.Configuration.GetSection(EventTimeOptions.Section)).ValidateProblems(o => o.Problems());
        builder.Services.AddOptions<KafkaStreamOptions>().Bind(builder.Configuration.GetSection("Kafka"))
            .PostConfigure(EventHubsPreset.Apply)
            .ValidateProblems(KafkaProblems);
        builder.Services.AddOptions<VisitorOptions>().Bind(builder.Configuration.GetSection(VisitorOptions.Section)).ValidateProblems(o => o.Problems());
        builder.Services.TryAddSingleton(TimeProvider.System);
        // The grid's one salt grain, as a service: a grain reference is only a proxy, so making it needs no connection.
        builder.Services.AddSingleton(services => services.GetRequiredService<IGrainFactory>().GetGrain<ISaltGrain>(ISaltGrain.Grid));
        builder.Services.AddSingleton<VisitorSalts>();
        builder.Services.AddSingleton<EventPublisher>();
        builder.Services.AddEnrichment(builder.Configuration);
        builder.Services.AddProblemDetails();
    }

    private static IEnumerable<string> KafkaProblems(KafkaStreamOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
            yield return "Kafka:BootstrapServers is required (deploy/run.sh passes the embedded broker's address from the silo)";
        if (string.IsNullOrWhiteSpace(options.Topic)) yield return "Kafka:Topic must not be empty";
        foreach (var (setting, rule) in EventHubsPreset.Problems(options)) yield return $"Kafka:{setting} {rule}";
    }
}
