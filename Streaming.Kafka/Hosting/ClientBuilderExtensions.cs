using Microsoft.Extensions.Options;

namespace Analytics.Streaming.Kafka.Hosting;

public static class ClientBuilderExtensions
{
    /// <summary>Adds a Kafka stream provider to a client, for producing <typeparamref name="T"/> items through Orleans streams.</summary>
    public static IClientBuilder AddKafkaStreams<T>(this IClientBuilder builder, string name, Action<KafkaStreamOptions> configure) =>
        builder.AddKafkaStreams<T>(name, c => c.ConfigureKafka(o => o.Configure(configure)));

    public static IClientBuilder AddKafkaStreams<T>(this IClientBuilder builder, string name, Action<ClusterClientKafkaStreamConfigurator<T>> configure)
    {
        configure(new ClusterClientKafkaStreamConfigurator<T>(name, builder));
        return builder;
    }
}
