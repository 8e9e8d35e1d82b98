using Analytics.EventStore.Sql;

namespace Analytics.EventStore.DuckDb;

internal sealed class DuckDbDialect : SqlDialect
{
    public static readonly DuckDbDialect Instance = new();

    public override string Prop(string keyParameter) => $"map_extract_value(props, {keyParameter})";

    public override string SessionPage(bool first) =>
        $"{(first ? "arg_min" : "arg_max")}(page, ts) FILTER (WHERE type = 1)";

    public override string Ordinal(string expression) => expression;
}
