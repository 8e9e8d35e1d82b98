namespace Analytics.EventStore.DuckDb;

/// <summary>
/// The events table. No index but the primary key, which makes writes idempotent: DuckDB prunes scans by the
/// min/max of each row group, and events arrive roughly in time order, so a range query reads only its row groups.
/// </summary>
internal static class DuckDbSchema
{
    public const string Columns = """
        site VARCHAR NOT NULL, id VARCHAR NOT NULL, type TINYINT NOT NULL, ts BIGINT NOT NULL,
        visitor VARCHAR NOT NULL, vid HUGEINT NOT NULL, session BIGINT NOT NULL,
        page VARCHAR, name VARCHAR, value DOUBLE, props MAP(VARCHAR, VARCHAR),
        source VARCHAR NOT NULL, utm_source VARCHAR NOT NULL, utm_medium VARCHAR NOT NULL, utm_campaign VARCHAR NOT NULL,
        browser VARCHAR NOT NULL, os VARCHAR NOT NULL, device VARCHAR NOT NULL, country VARCHAR NOT NULL
        """;

    public const string Create = $"CREATE TABLE IF NOT EXISTS events ({Columns}, PRIMARY KEY (site, id))";

    /// <summary>The appender's target: the same columns, props as two lists (the appender writes lists, not maps).</summary>
    public const string CreateStaging = """
        CREATE TEMP TABLE IF NOT EXISTS staging (
            site VARCHAR, id VARCHAR, type TINYINT, ts BIGINT, visitor VARCHAR, vid HUGEINT, session BIGINT,
            page VARCHAR, name VARCHAR, value DOUBLE, prop_keys VARCHAR[], prop_values VARCHAR[],
            source VARCHAR, utm_source VARCHAR, utm_medium VARCHAR, utm_campaign VARCHAR,
            browser VARCHAR, os VARCHAR, device VARCHAR, country VARCHAR)
        """;

    /// <summary>Staged rows into the table, each (site, id) once: copies within the batch and rows already stored are skipped.</summary>
    public const string MoveStaged = """
        INSERT INTO events
        SELECT site, id, type, ts, visitor, vid, session, page, name, value,
               CASE WHEN prop_keys IS NULL THEN NULL ELSE map(prop_keys, prop_values) END,
               source, utm_source, utm_medium, utm_campaign, browser, os, device, country
        FROM staging
        QUALIFY row_number() OVER (PARTITION BY site, id) = 1
        ON CONFLICT DO NOTHING
        """;
}
