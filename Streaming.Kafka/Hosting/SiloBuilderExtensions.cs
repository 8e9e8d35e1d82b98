using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace Analytics.Streaming.Kafka.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds a Kafka persistent stream provider of <typeparamref name="T"/> items: one Orleans queue per partition,
    /// items decoded by the registered <see cref="IKafkaEventCodec{T}"/>, delivered in batches to the
    /// implicit subscribers of <see cref="KafkaStreamOptions.StreamNamespace"/>.
    /// </summary>
    public static ISiloBuilder AddKafkaStreams<T>(this ISiloBuilder builder, string name, Action<KafkaStreamOptions> configure) =>
        builder.AddKafkaStreams<T>(name, c => c.ConfigureKafka(o => o.Configure(configure)));

    public static ISiloBuilder AddKafkaStreams<T>(this ISiloBuilder builder, string name, Action<SiloKafkaStreamConfigurator<T>> configure)
    {
        var configurator = new SiloKafkaStreamConfigurator<T>(name, services => builder.ConfigureServices(services));
        configure(configurator);
        return builder;
    }
}
