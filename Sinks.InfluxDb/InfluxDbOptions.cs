namespace Analytics.Sinks.InfluxDb;

/// <summary>
/// Settings of the InfluxDB sink, validated at start-up by <see cref="InfluxDbOptionsValidator"/>.
/// Each setting is documented in this library's README with its default.
/// </summary>
public sealed class InfluxDbOptions
{
    public const string DEFAULT_URL = "http://127.0.0.1:8086";
    public const int DEFAULT_API_VERSION = 1;
    public const string DEFAULT_DATABASE = "analytics";
    public const string DEFAULT_RETENTION_POLICY = "raw";
    public const int DEFAULT_BATCH_SIZE = 1_000;
    public static readonly TimeSpan DEFAULT_FLUSH_INTERVAL = TimeSpan.FromSeconds(1);
    public const int DEFAULT_BUFFER_CAPACITY = 100_000;
    public static readonly TimeSpan DEFAULT_REQUEST_TIMEOUT = TimeSpan.FromSeconds(10);
    public const int DEFAULT_MAX_RETRY_ATTEMPTS = 3;
    public static readonly TimeSpan DEFAULT_RETRY_BASE_DELAY = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DEFAULT_RETRY_MAX_DELAY = TimeSpan.FromSeconds(5);
    public const double DEFAULT_BREAKER_FAILURE_RATIO = 0.5;
    public const int DEFAULT_BREAKER_MINIMUM_THROUGHPUT = 5;
    public static readonly TimeSpan DEFAULT_BREAKER_SAMPLING_DURATION = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DEFAULT_BREAKER_BREAK_DURATION = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DEFAULT_SHUTDOWN_TIMEOUT = TimeSpan.FromSeconds(10);
    public const bool DEFAULT_CREATE_SCHEMA = true;
    public static readonly TimeSpan DEFAULT_RAW_RETENTION = TimeSpan.FromDays(30);
    public const string DEFAULT_ROLLUP_RETENTION_POLICY = "rollup_1m";
    public static readonly TimeSpan DEFAULT_ROLLUP_RETENTION = TimeSpan.FromDays(400);
    public static readonly TimeSpan DEFAULT_ROLLUP_INTERVAL = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DEFAULT_ROLLUP_RESAMPLE_FOR = TimeSpan.FromMinutes(10);
    public const string DEFAULT_ROLLUP_FUNCTIONS = "mean,min,max,sum,count";

    /// <summary>Base address of the server, for example <c>http://127.0.0.1:8086</c>. Must not carry credentials.</summary>
    public string Url { get; set; } = DEFAULT_URL;

    /// <summary>1: <c>/write</c> and <c>/query</c> of InfluxDB 1.x. 2: <c>/api/v2/write</c> through InfluxDB.Client (1.8+, 2.x, 3.x, VictoriaMetrics).</summary>
    public int ApiVersion { get; set; } = DEFAULT_API_VERSION;

    /// <summary>The database written to and queried (API 1), and the default bucket's database part (API 2).</summary>
    public string Database { get; set; } = DEFAULT_DATABASE;

    /// <summary>The retention policy raw windows are written to; the bootstrap makes it the database's default.</summary>
    public string RetentionPolicy { get; set; } = DEFAULT_RETENTION_POLICY;

    /// <summary>API 1 user for basic authentication; empty for none.</summary>
    public string Username { get; set; } = "";

    /// <summary>API 1 password. Sent only in the Authorization header, never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>API 2 token (<c>user:password</c> for InfluxDB 1.8). Never logged.</summary>
    public string Token { get; set; } = "";

    /// <summary>API 2 organization; InfluxDB 1.8 and VictoriaMetrics ignore it.</summary>
    public string Organization { get; set; } = "";

    /// <summary>API 2 bucket. Empty means <c>Database/RetentionPolicy</c>, the name InfluxDB 1.8 maps to a database.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>The most points one write request carries.</summary>
    public int BatchSize { get; set; } = DEFAULT_BATCH_SIZE;

    /// <summary>A batch smaller than <see cref="BatchSize"/> is sent after waiting at most this long.</summary>
    public TimeSpan FlushInterval { get; set; } = DEFAULT_FLUSH_INTERVAL;

    /// <summary>Points held in memory (waiting and being written); beyond it whole enqueues are dropped and counted.</summary>
    public int BufferCapacity { get; set; } = DEFAULT_BUFFER_CAPACITY;

    /// <summary>Time limit of one HTTP request (write or query).</summary>
    public TimeSpan RequestTimeout { get; set; } = DEFAULT_REQUEST_TIMEOUT;

    /// <summary>Retries of a failed write before the batch waits for the circuit breaker; the batch itself is never given up on transient errors.</summary>
    public int MaxRetryAttempts { get; set; } = DEFAULT_MAX_RETRY_ATTEMPTS;

    /// <summary>First retry delay; it doubles on each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = DEFAULT_RETRY_BASE_DELAY;

    /// <summary>Upper bound of one retry delay.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = DEFAULT_RETRY_MAX_DELAY;

    /// <summary>Share of failed write attempts within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = DEFAULT_BREAKER_FAILURE_RATIO;

    /// <summary>Attempts needed within the sampling window before the breaker may open.</summary>
    public int BreakerMinimumThroughput { get; set; } = DEFAULT_BREAKER_MINIMUM_THROUGHPUT;

    /// <summary>The window over which the failure ratio is measured.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = DEFAULT_BREAKER_SAMPLING_DURATION;

    /// <summary>How long an open circuit rejects writes before one probe request is let through.</summary>
    public TimeSpan BreakerBreakDuration { get; set; } = DEFAULT_BREAKER_BREAK_DURATION;

    /// <summary>On stop, how long the sink keeps writing what is buffered before it cancels the remaining tickets.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = DEFAULT_SHUTDOWN_TIMEOUT;

    /// <summary>API 1: create the database, retention policies and roll-up continuous query at start-up when missing.</summary>
    public bool CreateSchema { get; set; } = DEFAULT_CREATE_SCHEMA;

    /// <summary>Duration of <see cref="RetentionPolicy"/>; <see cref="TimeSpan.Zero"/> keeps data forever.</summary>
    public TimeSpan RawRetention { get; set; } = DEFAULT_RAW_RETENTION;

    /// <summary>The retention policy that holds the roll-ups.</summary>
    public string RollupRetentionPolicy { get; set; } = DEFAULT_ROLLUP_RETENTION_POLICY;

    /// <summary>Duration of <see cref="RollupRetentionPolicy"/>; <see cref="TimeSpan.Zero"/> keeps data forever.</summary>
    public TimeSpan RollupRetention { get; set; } = DEFAULT_ROLLUP_RETENTION;

    /// <summary>Width of one roll-up bucket.</summary>
    public TimeSpan RollupInterval { get; set; } = DEFAULT_ROLLUP_INTERVAL;

    /// <summary>
    /// Each run of the continuous query recomputes this much recent time, so windows that arrive late (watermark
    /// delay, a short outage) still reach the roll-ups. After a longer outage, call the bootstrapper's backfill.
    /// </summary>
    public TimeSpan RollupResampleFor { get; set; } = DEFAULT_ROLLUP_RESAMPLE_FOR;

    /// <summary>
    /// Comma-separated InfluxQL aggregates applied to every numeric field of every raw measurement (fields become
    /// <c>mean_value</c>, …); empty means no roll-up query. A string rather than a list: configuration binding
    /// appends to a list's defaults instead of replacing them.
    /// </summary>
    public string RollupFunctions { get; set; } = DEFAULT_ROLLUP_FUNCTIONS;

    /// <summary><see cref="RollupFunctions"/> split into names.</summary>
    public IReadOnlyList<string> RollupFunctionNames =>
        (RollupFunctions ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The API 2 bucket actually written to.</summary>
    public string BucketName => string.IsNullOrEmpty(Bucket) ? $"{Database}/{RetentionPolicy}" : Bucket;
}
