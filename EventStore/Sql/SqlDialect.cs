namespace Analytics.EventStore.Sql;

/// <summary>What differs between the SQL of DuckDB and PostgreSQL in the store's queries; parameters are positional (<c>$1</c>).</summary>
internal abstract class SqlDialect
{
    /// <summary>The value of property <paramref name="keyParameter"/> of an event, NULL when it has none.</summary>
    public abstract string Prop(string keyParameter);

    /// <summary>The page of the session's first (<paramref name="first"/>) or last page view, NULL when it has none.</summary>
    public abstract string SessionPage(bool first);

    /// <summary>How the final ORDER BY compares values: ordinally, as the contract's "ties by value" is checked.</summary>
    public abstract string Ordinal(string expression);
}
