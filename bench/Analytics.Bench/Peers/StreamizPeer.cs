using System.Collections.Concurrent;
using Analytics.Grains.Interfaces.Events;
using Analytics.Streaming.Kafka.Embedded;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using Streamiz.Kafka.Net.Table;

namespace Analytics.Bench.Peers;

/// <summary>
/// The peer: Streamiz.Kafka.Net (a .NET port of Kafka Streams) counting page views per site in tumbling
/// 1 s event-time windows, the way a Kafka Streams user would write it: filter page views, re-key by site
/// (through a repartition topic, carrying only the event time), count in an in-memory window store backed by a
/// changelog topic, and emit every updated count to an output topic. It is done when the latest counts on the
/// output topic add up to every page view of the log.
/// </summary>
internal sealed class StreamizPeer(EmbeddedKafka broker, string topic, int partitions, PeerSettings settings)
{
    private const string Store = "page-views-per-second";

    // Streamiz keeps the first logger factory it is given in a static, so one factory serves every run of the process.
    private static readonly ILoggerFactory Loggers = LoggerFactory.Create(b => b
        .AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
        .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));

    public async Task<(PhaseResult Result, Dictionary<(string Site, long Start), long> Counts)> RunAsync(long events, long pageViews, TimeSpan timeout)
    {
        var appId = $"bench-peer-{Guid.NewGuid():N}"[..22];
        var output = $"{appId}-output";
        var clock = new PhaseClock();
        var topology = Topology(output, clock);
        CreateInternalTopics(topology, appId, output);

        var config = new StreamConfig<StringSerDes, StringSerDes>
        {
            ApplicationId = appId,
            BootstrapServers = broker.BootstrapServers,
            // Guarantee first: setting it resets the commit interval to the guarantee's default.
            Guarantee = ProcessingGuarantee.AT_LEAST_ONCE,
            CommitIntervalMs = (long)settings.CommitInterval.TotalMilliseconds,
            NumStreamThreads = settings.Threads,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // librdkafka's producer fails instead of blocking when its local queue is full (Kafka Streams' Java producer
            // blocks): with the default 100,000 messages a fast replay overflows it with changelog and output records.
            QueueBufferingMaxMessages = 2_000_000,
            Logger = Loggers,
        };
        var counts = new ConcurrentDictionary<(string Site, long Start), long>();
        using var reader = new OutputReader(broker.BootstrapServers, output, partitions, counts);
        var stream = new KafkaStream(topology, config);
        var failed = new TaskCompletionSource();
        stream.StateChanged += (_, now) =>
        {
            if (now == KafkaStream.State.ERROR) failed.TrySetResult();
        };
        try
        {
            await stream.StartAsync();
            await reader.WaitForTotalAsync(pageViews, timeout, TimeSpan.FromSeconds(30), failed.Task);
        }
        finally
        {
            stream.Dispose();
        }
        return (clock.Done($"Streamiz.Kafka.Net 1.8.2 ({settings.Threads} stream threads{(settings.Caching ? ", caching" : "")})", events), new(counts));
    }

    private Topology Topology(string output, PhaseClock clock)
    {
        var window = InMemoryWindows.As<string, long, StringSerDes, Int64SerDes>(Store, TimeSpan.FromSeconds(1)).WithRetention(settings.Grace + TimeSpan.FromSeconds(1));
        window = settings.Caching ? window.WithCachingEnabled() : window.WithCachingDisabled();
        var builder = new StreamBuilder();
        builder.Stream<string, AnalyticsEvent, StringSerDes, EventSerDes>(topic, new EventTimeExtractor(topic, clock))
            .Filter((_, e, _) => e.Type == EventType.PageView)
            .Map((_, e, _) => KeyValuePair.Create(e.Site, e.Timestamp))
            .GroupByKey<StringSerDes, Int64SerDes>()
            .WindowedBy(TumblingWindowOptions.Of(TimeSpan.FromSeconds(1), settings.Grace))
            .Count(window)
            .ToStream((key, _, _) => $"{key.Key}@{key.Window.StartMs}")
            .To<StringSerDes, Int64SerDes>(output);
        return builder.Build();
    }

    /// <summary>
    /// The embedded broker has no CreateTopics API, so Streamiz's start-up would wait forever for its internal
    /// topics: create every repartition topic the topology names, the store's changelog, and the output topic.
    /// </summary>
    private void CreateInternalTopics(Topology topology, string appId, string output)
    {
        var named = topology.Describe().SubTopologies.SelectMany(s => s.Nodes)
            .SelectMany(n => n switch
            {
                ISourceNodeDescription source => source.Topics,
                ISinkNodeDescription sink => [sink.Topic],
                _ => [],
            })
            .Where(t => t.EndsWith("-repartition", StringComparison.Ordinal))
            .Select(t => t.StartsWith(appId, StringComparison.Ordinal) ? t : $"{appId}-{t}");
        foreach (var internalTopic in named.Append($"{appId}-{Store}-changelog").Append(output).Distinct())
            broker.CreateTopic(internalTopic, partitions);
    }
}

/// <param name="Threads">Stream threads: one per core.</param>
/// <param name="CommitInterval">How often offsets are committed and the changelog flushed.</param>
/// <param name="Grace">How long a window accepts out-of-order records after its end.</param>
/// <param name="Caching">Whether the window store caches updates and emits them at commit instead of one by one.</param>
internal sealed record PeerSettings(int Threads, TimeSpan CommitInterval, TimeSpan Grace, bool Caching);
