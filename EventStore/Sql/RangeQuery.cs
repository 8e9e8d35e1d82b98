using System.Text;
using Analytics.EventStore.Goals;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Goals;

namespace Analytics.EventStore.Sql;

/// <summary>
/// The SQL of the range queries, the same for every store. Sessions are (vid, session): vid identifies the pair
/// (site, visitor), so site <c>*</c> needs no other key. Steps:
/// <list type="number">
/// <item><c>ev</c>: the events in the range that match the stamped and event-scoped filters.</item>
/// <item><c>sess</c>: the whole sessions holding one (also their events outside the range): duration, bounce, entry and
/// exit page. A session's events are at most <see cref="StoredEvent.SessionSlack"/> older than its id, which bounds
/// the scan; stamped filters hold for every event of a matching session, so they narrow this scan too.</item>
/// <item><c>m</c>: per (value, session) the matching page views, after the entry/exit page filters.</item>
/// </list>
/// Goals and funnels read the events that match a goal and every filter the same way (<c>hit</c>).
/// </summary>
internal sealed class RangeQuery
{
    private const string PageView = "1";
    private readonly SqlDialect _dialect;
    private readonly List<object> _parameters = [];

    public RangeQuery(SqlDialect dialect) => _dialect = dialect;

    public IReadOnlyList<object> Parameters => _parameters;

    public string Breakdown(string site, Dimension dimension, long from, long to, IReadOnlyList<(Dimension Dimension, string Value)> filters, int limit)
    {
        var sql = new StringBuilder(Sessions(site, from, to, dimension, filters));
        sql.Append($"""
            SELECT dim, count(DISTINCT vid) AS visitors, CAST(sum(pageviews) AS BIGINT) AS pageviews,
                   CAST(avg(CASE WHEN bounce THEN 1.0 ELSE 0.0 END) AS float8) AS bounce_rate, CAST(avg(duration) AS float8) AS visit_duration
            FROM m GROUP BY dim
            ORDER BY visitors DESC, {_dialect.Ordinal("dim")}
            LIMIT {Add(limit)}
            """);
        return sql.ToString();
    }

    public string Visitors(string site, long from, long to, IReadOnlyList<(Dimension Dimension, string Value)> filters)
    {
        if (filters.All(f => f.Dimension.Scope != DimensionScope.SessionPages))
            return $"SELECT count(DISTINCT vid) FROM events WHERE {RangeConditions(site, from, to, filters)}";
        return Sessions(site, from, to, dimension: null, filters) + "SELECT count(DISTINCT vid) FROM m";
    }

    /// <summary>Distinct visitors, events and the sum of their values (absent: 0) of the events that match the goal.</summary>
    public string Goal(string site, GoalDefinition goal, long from, long to, IReadOnlyList<(Dimension Dimension, string Value)> filters) =>
        Hits(site, from, to, filters, "vid, session, value", GoalMatch.Condition(goal, _dialect, Add))
        + "SELECT count(DISTINCT vid), count(*), coalesce(sum(value), 0) FROM hit";

    /// <summary>
    /// The events that match any step's goal, each with the mask of the steps it matches (bit k − 1 for step k), in the
    /// order <see cref="FunnelWalk"/> walks them: by visitor, session, event time, then id.
    /// </summary>
    public string Funnel(string site, IReadOnlyList<GoalDefinition> steps, long from, long to, IReadOnlyList<(Dimension Dimension, string Value)> filters)
    {
        // A mask has a bit per step; the contract allows 2 to 8.
        if (steps.Count is < FunnelDefinition.MinSteps or > FunnelDefinition.MaxSteps)
            throw new ArgumentOutOfRangeException(nameof(steps), steps.Count, $"a funnel has {FunnelDefinition.MinSteps} to {FunnelDefinition.MaxSteps} steps");
        var conditions = steps.Select(step => GoalMatch.Condition(step, _dialect, Add)).ToList();
        var mask = string.Join(" + ", conditions.Select((c, k) => $"CASE WHEN {c} THEN {1 << k} ELSE 0 END"));
        return Hits(site, from, to, filters, $"vid, session, ts, id, {mask} AS steps", string.Join(" OR ", conditions))
            + $"SELECT vid, session, steps FROM hit ORDER BY vid, session, ts, {_dialect.Ordinal("id")}";
    }

    /// <summary>
    /// The CTE <c>hit</c>: the columns (vid and session among them) of the events in the range that match the condition
    /// and every filter. Entry and exit page filters need the events' whole sessions, so only the sessions holding such
    /// an event are read for them.
    /// </summary>
    private string Hits(string site, long from, long to, IReadOnlyList<(Dimension Dimension, string Value)> filters, string columns, string condition)
    {
        var events = $"SELECT {columns} FROM events WHERE {RangeConditions(site, from, to, filters)} AND ({condition})";
        var pages = PageConditions(filters);
        if (pages.Count == 0) return $"WITH hit AS ({events})\n";
        return $"""
            WITH ev AS ({events}),
            {SessionsOf(site, filters)},
            hit AS (SELECT ev.* FROM ev JOIN sess s ON s.vid = ev.vid AND s.session = ev.session WHERE {string.Join(" AND ", pages)})

            """;
    }

    private string Sessions(string site, long from, long to, Dimension? dimension, IReadOnlyList<(Dimension Dimension, string Value)> filters)
    {
        var pages = PageConditions(filters);
        var value = dimension switch
        {
            null => "''",
            { Scope: DimensionScope.SessionPages } => $"coalesce(s.{dimension.Name}, '{Dimensions.None}')",
            _ => "ev.dim",
        };
        return $"""
            WITH ev AS (
                SELECT vid, session, type, {(dimension is { Scope: not DimensionScope.SessionPages } ? Value(dimension) : "''")} AS dim
                FROM events WHERE {RangeConditions(site, from, to, filters)}
            ),
            {SessionsOf(site, filters)},
            m AS (
                SELECT {value} AS dim, ev.vid, ev.session, s.bounce, s.duration,
                       count(*) FILTER (WHERE ev.type = {PageView}) AS pageviews
                FROM ev JOIN sess s ON s.vid = ev.vid AND s.session = ev.session
                WHERE {(pages.Count > 0 ? string.Join(" AND ", pages) : "TRUE")}
                GROUP BY 1, ev.vid, ev.session, s.bounce, s.duration
            )

            """;
    }

    /// <summary>The CTE <c>sess</c>: the whole sessions of the events in <c>ev</c> (also their events outside the range).</summary>
    private string SessionsOf(string site, IReadOnlyList<(Dimension Dimension, string Value)> filters)
    {
        var stamped = filters.Where(f => f.Dimension.Scope == DimensionScope.Stamped).ToList();
        var slack = (long)StoredEvent.SessionSlack.TotalMilliseconds;
        return $"""
            sess AS (
                SELECT vid, session, max(ts) - min(ts) AS duration,
                       count(*) = 1 AND count(*) FILTER (WHERE type = {PageView}) = 1 AS bounce,
                       {_dialect.SessionPage(first: true)} AS entry_page, {_dialect.SessionPage(first: false)} AS exit_page
                FROM events
                WHERE {Site(site)} AND ts >= (SELECT min(session) FROM ev) - {slack}
                  {string.Concat(stamped.Select(f => $" AND {Value(f.Dimension)} = {Add(f.Value)}"))}
                  AND (vid, session) IN (SELECT vid, session FROM ev)
                GROUP BY vid, session
            )
            """;
    }

    /// <summary>The entry and exit page filters, on the columns of <c>sess s</c>.</summary>
    private List<string> PageConditions(IReadOnlyList<(Dimension Dimension, string Value)> filters) =>
        [.. filters.Where(f => f.Dimension.Scope == DimensionScope.SessionPages)
            .Select(f => $"coalesce(s.{f.Dimension.Name}, '{Dimensions.None}') = {Add(f.Value)}")];

    /// <summary>The site, the range, and the filters that one event can be checked against alone.</summary>
    private string RangeConditions(string site, long from, long to, IReadOnlyList<(Dimension Dimension, string Value)> filters)
    {
        var conditions = new List<string> { Site(site), $"ts >= {Add(from)}", $"ts < {Add(to)}" };
        conditions.AddRange(filters.Where(f => f.Dimension.Scope != DimensionScope.SessionPages)
            .Select(f => $"{Value(f.Dimension)} = {Add(f.Value)}"));
        return string.Join(" AND ", conditions);
    }

    private string Site(string site) => site == "*" ? "TRUE" : $"site = {Add(site)}";

    /// <summary>A stamped or event-scoped dimension's value on an event, <c>(none)</c> when absent.</summary>
    private string Value(Dimension dimension) => dimension switch
    {
        { Scope: DimensionScope.Stamped } => dimension.Name,
        { PropKey: { } key } => $"coalesce({_dialect.Prop(Add(key))}, '{Dimensions.None}')",
        _ => $"coalesce(page, '{Dimensions.None}')",
    };

    private string Add(object value)
    {
        _parameters.Add(value);
        return "$" + _parameters.Count;
    }
}
