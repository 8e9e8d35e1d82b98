using Analytics.Grains.Shards;
using Analytics.Streaming.Kafka;
using Analytics.Streaming.Kafka.Embedded;

namespace Analytics.Silo.Extensions;

public static partial class EmbeddedKafkaExtensions
{
    /// <summary>
    /// With neither <c>Kafka:BootstrapServers</c> nor <c>Kafka:EventHubsConnectionString</c> configured, starts librdkafka's in-memory mock cluster in this
    /// process, creates the grid's topics on it, and points the configuration at it. Other processes (the API,
    /// more silos, the load generator) join it by its address, written to <c>Kafka:EmbeddedAddressFile</c> when set.
    /// </summary>
    public static void AddEmbeddedKafkaWhenUnconfigured(this IHostApplicationBuilder builder)
    {
        var kafka = builder.Configuration.GetSection("Kafka");
        if (!string.IsNullOrWhiteSpace(kafka["BootstrapServers"]) || !string.IsNullOrWhiteSpace(kafka[EventHubsPreset.Setting])) return;

        var topic = kafka["Topic"] is { Length: > 0 } t ? t : KafkaStreamOptions.DEFAULT_TOPIC;
        var partitions = int.TryParse(kafka["Partitions"], out var p) ? p : KafkaStreamOptions.DEFAULT_PARTITIONS;
        var broker = EmbeddedKafka.Start();
        broker.CreateTopic(topic, partitions);
        broker.CreateTopic(kafka["DeadLetterTopic"] is { Length: > 0 } d ? d : $"{topic}.dead-letters", 1);
        broker.CreateTopic(LateEventsTopic.NameOf(topic), partitions);
        builder.Configuration["Kafka:BootstrapServers"] = broker.BootstrapServers;
        if (kafka["EmbeddedAddressFile"] is { Length: > 0 } file) File.WriteAllText(file, broker.BootstrapServers);

        builder.Services.AddSingleton(broker);
        builder.Services.AddHostedService<EmbeddedKafkaNotice>();
    }

    private sealed partial class EmbeddedKafkaNotice(EmbeddedKafka broker, ILogger<EmbeddedKafkaNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogEmbedded(broker.BootstrapServers);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message =
            "No Kafka:BootstrapServers configured: started an IN-MEMORY DEVELOPMENT broker (librdkafka's mock cluster) at {Address}. " +
            "It keeps about 5 MiB per partition and loses everything when this process exits. " +
            "Other processes can join it at that address. For a real cluster set Kafka:BootstrapServers (for example Kafka__BootstrapServers=broker1:9092,broker2:9092).")]
        private partial void LogEmbedded(string address);
    }
}
