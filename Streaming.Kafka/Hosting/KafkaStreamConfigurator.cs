using Analytics.Streaming.Kafka.Consumers;
using Analytics.Streaming.Kafka.Diagnostics;
using Analytics.Streaming.Kafka.Progress;
using Analytics.Streaming.Kafka.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;

namespace Analytics.Streaming.Kafka.Hosting;

/// <summary>A Kafka stream provider on a silo: receivers, the progress link to the coordinator, and the options check.</summary>
public sealed class SiloKafkaStreamConfigurator<T> : SiloPersistentStreamConfigurator
{
    public SiloKafkaStreamConfigurator(string name, Action<Action<IServiceCollection>> configureServices)
        : base(name, configureServices, KafkaAdapterFactory<T>.Create)
    {
        this.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        ConfigureDelegate(services =>
        {
            KafkaServices.AddShared(services, name);
            services.AddKeyedSingleton(name, (sp, _) => new ProgressReporter(
                () => sp.GetRequiredService<IGrainFactory>().GetGrain<IKafkaProgressGrain>(name),
                sp.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name), sp.GetRequiredService<ILogger<ProgressReporter>>()));
            services.AddKeyedSingleton<IKafkaWatermarks>(name, (sp, key) => sp.GetRequiredKeyedService<ProgressReporter>(key));
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new ProgressReporterLifecycle(sp.GetRequiredKeyedService<ProgressReporter>(name)));
            services.AddOptions<StreamPullingAgentOptions>(name)
                .Configure<IOptionsMonitor<KafkaStreamOptions>>((agent, kafka) => agent.GetQueueMsgsTimerPeriod = kafka.Get(name).PullPeriod);
        });
    }

    public SiloKafkaStreamConfigurator<T> ConfigureKafka(Action<OptionsBuilder<KafkaStreamOptions>> configure)
    {
        this.Configure(configure);
        return this;
    }
}

internal static class KafkaServices
{
    public static void AddShared(IServiceCollection services, string name)
    {
        services.ConfigureNamedOptionForLogging<KafkaStreamOptions>(name);
        services.PostConfigure<KafkaStreamOptions>(name, EventHubsPreset.Apply);
        services.AddTransient<IConfigurationValidator>(sp =>
            new KafkaStreamOptionsValidator(sp.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name), name));
        services.AddKeyedSingleton(name, (sp, _) => new KafkaClients(
            sp.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name), sp.GetRequiredService<ILoggerFactory>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddKeyedSingleton(name, (sp, _) =>
            new KafkaStreamStatistics(sp.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name).Topic));
    }
}

/// <summary>Runs a silo's progress link while the silo is active.</summary>
internal sealed class ProgressReporterLifecycle(ProgressReporter reporter) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(ProgressReporterLifecycle),
        ServiceLifecycleStage.Active,
        _ =>
        {
            reporter.Start();
            return Task.CompletedTask;
        },
        async _ => await reporter.DisposeAsync());
}
