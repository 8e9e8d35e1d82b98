namespace Analytics.Grains.Hosting;

/// <summary>How the grid's grains keep and hand on their state (configuration section <c>Grid</c>).</summary>
public sealed class GridOptions
{
    public const string Section = "Grid";

    /// <summary>The Orleans stream provider the shards read.</summary>
    public const string StreamProvider = "kafka";

    /// <summary>The stream namespace shard grains subscribe to.</summary>
    public const string StreamNamespace = "shard";

    /// <summary>The grain storage holding all grid state: memory on the embedded setup, PostgreSQL otherwise.</summary>
    public const string Storage = "grid";

    /// <summary>How often grains save their state; Kafka offsets advance only behind saved state.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often shards report changed windows to the reducers, and reducers push live windows.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long reducers keep final windows for the query API.</summary>
    public TimeSpan FinalRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most final windows a reducer keeps waiting for InfluxDB; beyond it the oldest are dropped and counted.</summary>
    public int SinkBacklog { get; set; } = 200_000;

    /// <summary>The most windows a reducer sends to InfluxDB in one batch (a window can be several points).</summary>
    public int SinkBatchWindows { get; set; } = 500;

    /// <summary>A shard with nothing left to follow or hand on deactivates after this long without events.</summary>
    public TimeSpan ShardIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<string> Problems()
    {
        if (CheckpointInterval < TimeSpan.FromMilliseconds(100)) yield return "Grid:CheckpointInterval must be at least 100 ms";
        if (FlushInterval < TimeSpan.FromMilliseconds(10)) yield return "Grid:FlushInterval must be at least 10 ms";
        if (FlushInterval > CheckpointInterval) yield return "Grid:FlushInterval must not exceed Grid:CheckpointInterval";
        if (FinalRetention < TimeSpan.FromHours(1)) yield return "Grid:FinalRetention must be at least 1 hour (the query API answers the last hour from the grid)";
        if (ShardIdleTimeout <= TimeSpan.Zero) yield return "Grid:ShardIdleTimeout must be positive";
        if (SinkBacklog < 1_000) yield return "Grid:SinkBacklog must be at least 1000";
        if (SinkBatchWindows is < 1 or > 10_000) yield return "Grid:SinkBatchWindows must be between 1 and 10000";
    }
}
