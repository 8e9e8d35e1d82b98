namespace Analytics.EventStore;

/// <summary>Which store keeps raw events and how long (configuration section <c>EventStore</c>).</summary>
public sealed class EventStoreOptions
{
    public const string Section = "EventStore";
    public const string DEFAULT_DUCKDB_PATH = "data/events.duckdb";
    public const int DEFAULT_RETENTION_DAYS = 400;

    /// <summary>
    /// <see cref="EventStoreProvider.DuckDb"/> (embedded, one process), <see cref="EventStoreProvider.Postgres"/> (several
    /// silos against a server), or <see cref="EventStoreProvider.None"/> (no raw events: no breakdowns or visitors).
    /// </summary>
    public EventStoreProvider Provider { get; set; } = EventStoreProvider.DuckDb;

    /// <summary>The DuckDB file; its folder is created. One process owns it.</summary>
    public string DuckDbPath { get; set; } = DEFAULT_DUCKDB_PATH;

    /// <summary>The PostgreSQL connection string, for <see cref="EventStoreProvider.Postgres"/>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Raw events older than this many days are deleted; 0 keeps them for ever.</summary>
    public int RetentionDays { get; set; } = DEFAULT_RETENTION_DAYS;

    public IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Provider)) yield return $"EventStore:Provider must be DuckDb, Postgres or None, not {Provider}";
        if (Provider == EventStoreProvider.DuckDb && string.IsNullOrWhiteSpace(DuckDbPath))
            yield return "EventStore:DuckDbPath must name a file when EventStore:Provider is DuckDb";
        if (Provider == EventStoreProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return "EventStore:ConnectionString is required when EventStore:Provider is Postgres";
        if (RetentionDays is < 0 or > 36_500) yield return "EventStore:RetentionDays must be between 0 (keep for ever) and 36500";
    }
}

public enum EventStoreProvider
{
    DuckDb = 1,
    Postgres = 2,

    /// <summary>Keeps no raw events: the shards write none, and the breakdown and visitors routes answer 503.</summary>
    None = 3,
}
