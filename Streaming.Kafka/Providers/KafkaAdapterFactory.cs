using Analytics.Streaming.Kafka.Diagnostics;
using Analytics.Streaming.Kafka.Progress;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Configuration.Overrides;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Analytics.Streaming.Kafka.Providers;

/// <summary>Makes the provider's adapter, its queue mapper (one queue per partition) and its cache.</summary>
internal sealed partial class KafkaAdapterFactory<T>(
    string name,
    KafkaStreamOptions options,
    SimpleQueueCacheOptions cacheOptions,
    IServiceProvider services,
    ILoggerFactory loggerFactory) : IQueueAdapterFactory
{
    private readonly HashRingBasedStreamQueueMapper _mapper =
        new(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.Partitions }, name);
    private readonly SimpleQueueAdapterCache _cache = new(cacheOptions, name, loggerFactory);
    private readonly ILogger _logger = loggerFactory.CreateLogger<KafkaAdapterFactory<T>>();

    public static KafkaAdapterFactory<T> Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<KafkaAdapterFactory<T>>(
            services, name, services.GetOptionsByName<KafkaStreamOptions>(name), services.GetOptionsByName<SimpleQueueCacheOptions>(name));

    public Task<IQueueAdapter> CreateAdapter()
    {
        CheckTopic();
        return Task.FromResult<IQueueAdapter>(new KafkaAdapter<T>(
            name, options, services.GetRequiredService<IKafkaEventCodec<T>>(),
            services.GetRequiredKeyedService<KafkaClients>(name),
            () => services.GetRequiredKeyedService<ProgressReporter>(name),
            services.GetRequiredKeyedService<KafkaStreamStatistics>(name),
            loggerFactory));
    }

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());

    /// <summary>
    /// One queue per partition only works when the counts agree: a mismatch is a configuration error and stops
    /// the host. An unreachable broker is not: receivers keep trying until it answers.
    /// </summary>
    private void CheckTopic()
    {
        try
        {
            using var admin = new AdminClientBuilder(KafkaClientConfig.Admin(options)).Build();
            var topic = admin.GetMetadata(options.Topic, TimeSpan.FromSeconds(5)).Topics.SingleOrDefault();
            if (topic is null || topic.Error.IsError)
            {
                LogTopicUnchecked(options.Topic, topic?.Error.Reason ?? "no metadata");
                return;
            }
            if (topic.Partitions.Count != options.Partitions)
                throw new InvalidOperationException(
                    $"Kafka stream provider '{name}': topic '{options.Topic}' has {topic.Partitions.Count} partitions but Partitions is {options.Partitions}.");
        }
        catch (KafkaException e)
        {
            LogTopicUnchecked(options.Topic, e.Error.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check topic {Topic} ({Reason}); receivers will keep trying")]
    private partial void LogTopicUnchecked(string topic, string reason);
}
