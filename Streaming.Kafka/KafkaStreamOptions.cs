namespace Analytics.Streaming.Kafka;

/// <summary>
/// Settings of one Kafka stream provider, registered as named options under the provider's name.
/// Each setting is documented in the README's table with its default.
/// </summary>
public sealed class KafkaStreamOptions
{
    public const string DEFAULT_TOPIC = "website-analytics-events";
    public const int DEFAULT_PARTITIONS = 12;
    public const string DEFAULT_STREAM_NAMESPACE = "kafka";
    public const int DEFAULT_STREAMS_PER_PARTITION = 1;
    public const string DEFAULT_CONSUMER_GROUP = "analytics-grid";
    public const int DEFAULT_FETCH_WAIT_MAX_MS = 5;
    public static readonly TimeSpan DEFAULT_PULL_PERIOD = TimeSpan.FromMilliseconds(10);
    public const int DEFAULT_MAX_RECORDS_PER_PULL = 8192;
    public const int DEFAULT_PARTITION_BUFFER_RECORDS = 50_000;
    public static readonly TimeSpan DEFAULT_PROGRESS_INTERVAL = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan DEFAULT_COMMIT_INTERVAL = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DEFAULT_MAX_OUT_OF_ORDERNESS = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DEFAULT_IDLE_TIMEOUT = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DEFAULT_ALLOWED_LATENESS = TimeSpan.Zero;
    public const int DEFAULT_LINGER_MS = 5;
    public const int DEFAULT_BATCH_SIZE = 16384;
    public const string DEFAULT_COMPRESSION = "snappy";
    public static readonly TimeSpan DEFAULT_DELIVERY_TIMEOUT = TimeSpan.FromSeconds(5);
    public const string DEFAULT_PROGRESS_STORAGE = "Default";
    public static readonly TimeSpan DEFAULT_CONSUMER_TIMEOUT = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DEFAULT_STALL_TIMEOUT = TimeSpan.FromSeconds(20);

    /// <summary>Kafka bootstrap servers, <c>host:port[,host:port]</c>. Filled in from <see cref="EventHubsConnectionString"/> when that is set.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>The topic the provider reads.</summary>
    public string Topic { get; set; } = DEFAULT_TOPIC;

    /// <summary>The topic's partition count: one Orleans queue per partition. Checked against the broker at start-up.</summary>
    public int Partitions { get; set; } = DEFAULT_PARTITIONS;

    /// <summary>The namespace of the streams the provider delivers to; consumers subscribe to it implicitly.</summary>
    public string StreamNamespace { get; set; } = DEFAULT_STREAM_NAMESPACE;

    /// <summary>
    /// Records of one partition are spread over this many streams by a hash of their key, so one key always
    /// reaches the same consumer, in partition order. Changing it moves keys between consumers: do it on an empty grid.
    /// One per partition by default, as Kafka Streams has one task per partition: every consumer keeps partial totals
    /// of the windows its keys touch, so more consumers per partition means more, emptier windows per event (in the
    /// benchmark, 4 per partition cost ~20 % of the throughput). Raise it only when one partition's events are more
    /// than one grain can apply; more partitions is the usual way to spread load.
    /// </summary>
    public int StreamsPerPartition { get; set; } = DEFAULT_STREAMS_PER_PARTITION;

    /// <summary>The consumer group offsets are committed under, for lag monitoring and tools.</summary>
    public string ConsumerGroup { get; set; } = DEFAULT_CONSUMER_GROUP;

    /// <summary>Where records that cannot be decoded go, with the reason. Empty means <c>{Topic}.dead-letters</c>.</summary>
    public string DeadLetterTopic { get; set; } = "";

    /// <summary>librdkafka <c>fetch.wait.max.ms</c>: how long the broker holds an empty fetch. Low keeps latency low.</summary>
    public int FetchWaitMaxMs { get; set; } = DEFAULT_FETCH_WAIT_MAX_MS;

    /// <summary>How often a pulling agent asks an empty queue again. Reading never waits on Kafka: records are already buffered.</summary>
    public TimeSpan PullPeriod { get; set; } = DEFAULT_PULL_PERIOD;

    /// <summary>The most records one pull hands to the agent, per partition.</summary>
    public int MaxRecordsPerPull { get; set; } = DEFAULT_MAX_RECORDS_PER_PULL;

    /// <summary>Fetching a partition pauses while this many of its records wait to be pulled.</summary>
    public int PartitionBufferRecords { get; set; } = DEFAULT_PARTITION_BUFFER_RECORDS;

    /// <summary>How often each silo reports partition progress and learns watermarks and consumer checkpoints.</summary>
    public TimeSpan ProgressInterval { get; set; } = DEFAULT_PROGRESS_INTERVAL;

    /// <summary>
    /// A partition that fetched nothing for this long is checked against the broker's end offset (and again once per this
    /// period while it stays quiet); records waiting, or no answer, mean the consumer stopped fetching, and a new one
    /// takes over where the buffers stand (librdkafka can stay stuck after a broker outage).
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = DEFAULT_STALL_TIMEOUT;

    /// <summary>How often resume positions are saved (and mirrored to the consumer group).</summary>
    public TimeSpan CommitInterval { get; set; } = DEFAULT_COMMIT_INTERVAL;

    /// <summary>Watermark of a partition = the largest event time seen in it minus this.</summary>
    public TimeSpan MaxOutOfOrderness { get; set; } = DEFAULT_MAX_OUT_OF_ORDERNESS;

    /// <summary>A caught-up partition with no record for this long stops holding the watermark back.</summary>
    public TimeSpan IdleTimeout { get; set; } = DEFAULT_IDLE_TIMEOUT;

    /// <summary>An event is late when its time plus this lies below the watermark it is judged by; windows stay open this long past the watermark.</summary>
    public TimeSpan AllowedLateness { get; set; } = DEFAULT_ALLOWED_LATENESS;

    /// <summary>The event-time formulas with these settings.</summary>
    public EventTime.EventTimeRules EventTimeRules =>
        new((long)MaxOutOfOrderness.TotalMilliseconds, (long)AllowedLateness.TotalMilliseconds);

    /// <summary>Producer <c>linger.ms</c> (dead letters and records produced through Orleans streams).</summary>
    public int LingerMs { get; set; } = DEFAULT_LINGER_MS;

    /// <summary>Producer <c>batch.size</c> in bytes.</summary>
    public int BatchSize { get; set; } = DEFAULT_BATCH_SIZE;

    /// <summary>Producer <c>compression.type</c>: none, gzip, snappy, lz4 or zstd.</summary>
    public string Compression { get; set; } = DEFAULT_COMPRESSION;

    /// <summary>How long the producer tries to deliver a record before it reports failure.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = DEFAULT_DELIVERY_TIMEOUT;

    /// <summary>The grain storage holding resume positions and consumer checkpoints.</summary>
    public string ProgressStorage { get; set; } = DEFAULT_PROGRESS_STORAGE;

    /// <summary>
    /// A consumer that reported no checkpoint for this long is taken for lost with its silo: its partition is
    /// re-read from its last checkpoint if records were handed to it since, and it is woken. Must exceed the
    /// consumers' checkpoint interval.
    /// </summary>
    public TimeSpan ConsumerTimeout { get; set; } = DEFAULT_CONSUMER_TIMEOUT;

    /// <summary>
    /// An Azure Event Hubs namespace's connection string: the log is then that namespace, over its Kafka endpoint, and
    /// <see cref="EventHubsPreset"/> fills in the client settings.
    /// </summary>
    public string EventHubsConnectionString { get; set; } = "";

    /// <summary>Extra librdkafka settings for every client (for example <c>security.protocol</c>, <c>sasl.*</c>).</summary>
    public Dictionary<string, string> ClientSettings { get; set; } = [];

    public string DeadLetterTopicName => string.IsNullOrEmpty(DeadLetterTopic) ? $"{Topic}.dead-letters" : DeadLetterTopic;
}
