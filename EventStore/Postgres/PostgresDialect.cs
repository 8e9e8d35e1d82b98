using Analytics.EventStore.Sql;

namespace Analytics.EventStore.Postgres;

internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override string Prop(string keyParameter) => $"(props ->> {keyParameter})";

    public override string SessionPage(bool first) =>
        $"(array_agg(page ORDER BY ts{(first ? "" : " DESC")}) FILTER (WHERE type = 1))[1]";

    public override string Ordinal(string expression) => $"{expression} COLLATE \"C\"";
}
