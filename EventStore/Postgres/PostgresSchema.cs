using Analytics.EventStore.Goals;

namespace Analytics.EventStore.Postgres;

/// <summary>
/// The events table: the primary key makes writes idempotent (also when several silos write the same event at once),
/// (site, ts) serves the range queries of one site, ts those of site * and retention. The sites' goal definitions
/// live beside them (<see cref="DefinitionsTable"/>).
/// </summary>
internal static class PostgresSchema
{
    public const string Create = $"""
        CREATE TABLE IF NOT EXISTS events (
            site text NOT NULL, id text NOT NULL, type smallint NOT NULL, ts bigint NOT NULL,
            visitor text NOT NULL, vid uuid NOT NULL, session bigint NOT NULL,
            page text, name text, value float8, props jsonb,
            source text NOT NULL, utm_source text NOT NULL, utm_medium text NOT NULL, utm_campaign text NOT NULL,
            browser text NOT NULL, os text NOT NULL, device text NOT NULL, country text NOT NULL,
            PRIMARY KEY (site, id));
        CREATE INDEX IF NOT EXISTS events_site_ts ON events (site, ts);
        CREATE INDEX IF NOT EXISTS events_ts ON events (ts);
        {DefinitionsTable.Create};
        """;

    public const string Columns = "site, id, type, ts, visitor, vid, session, page, name, value, props, " +
        "source, utm_source, utm_medium, utm_campaign, browser, os, device, country";

    /// <summary>A staging table of this connection, emptied at commit: COPY fills it, <see cref="MoveStaged"/> empties it.</summary>
    public const string CreateStaging = "CREATE TEMP TABLE IF NOT EXISTS staging (LIKE events) ON COMMIT DELETE ROWS";

    public const string MoveStaged = $"INSERT INTO events SELECT DISTINCT ON (site, id) {Columns} FROM staging ON CONFLICT DO NOTHING";
}
