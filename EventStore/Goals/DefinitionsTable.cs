namespace Analytics.EventStore.Goals;

/// <summary>
/// The table of each site's goal and funnel definitions, the same SQL in DuckDB and PostgreSQL. One row per site holds
/// the whole set (<see cref="GoalsJson"/>), so replacing it is one statement: atomic, with nothing of the old set left.
/// </summary>
internal static class DefinitionsTable
{
    public const string Create = "CREATE TABLE IF NOT EXISTS site_goals (site text PRIMARY KEY, definitions text NOT NULL)";

    public const string Read = "SELECT definitions FROM site_goals WHERE site = $1";

    public const string Replace = "INSERT INTO site_goals VALUES ($1, $2) ON CONFLICT (site) DO UPDATE SET definitions = excluded.definitions";
}
