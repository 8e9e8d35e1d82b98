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

    public const string Create = $"CREATE TABLE IF NOT EXISTS events ({Columns})";

    /// <summary>The appender's target: the same columns, props as two lists (the appender writes lists, not maps).</summary>
    public const string CreateStaging = """
        CREATE TEMP TABLE IF NOT EXISTS staging (
            site VARCHAR, id VARCHAR, type TINYINT, ts BIGINT, visitor VARCHAR, vid HUGEINT, session BIGINT,
            page VARCHAR, name VARCHAR, value DOUBLE, prop_keys VARCHAR[], prop_values VARCHAR[],
            source VARCHAR, utm_source VARCHAR, utm_medium VARCHAR, utm_campaign VARCHAR,
            browser VARCHAR, os VARCHAR, device VARCHAR, country VARCHAR)
        """;

    /// <summary>
    /// Staged rows into the table, each (site, id) once: copies within the batch and rows already stored are skipped.
    /// A stored copy of an event has its time (a replay writes the very same row), so only the stored rows in the batch's
    /// time range ($1 to $2) are compared, which DuckDB finds by its row groups' min/max without reading the rest.
    /// </summary>
    public const string MoveStaged = """
        INSERT INTO events
        SELECT s.site, s.id, s.type, s.ts, s.visitor, s.vid, s.session, s.page, s.name, s.value,
               CASE WHEN s.prop_keys IS NULL THEN NULL ELSE map(s.prop_keys, s.prop_values) END,
               s.source, s.utm_source, s.utm_medium, s.utm_campaign, s.browser, s.os, s.device, s.country
        FROM staging s
        ANTI JOIN (SELECT site, id FROM events WHERE ts BETWEEN $1 AND $2) e ON e.site = s.site AND e.id = s.id
        QUALIFY row_number() OVER (PARTITION BY s.site, s.id) = 1
        """;
}
