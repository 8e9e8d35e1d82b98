using System.Text;
using Analytics.Grains.Interfaces.Events;

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

    private string Sessions(string site, long from, long to, Dimension? dimension, IReadOnlyList<(Dimension Dimension, string Value)> filters)
    {
        var stamped = filters.Where(f => f.Dimension.Scope == DimensionScope.Stamped).ToList();
        var pages = filters.Where(f => f.Dimension.Scope == DimensionScope.SessionPages)
            .Select(f => $"coalesce(s.{f.Dimension.Name}, '{Dimensions.None}') = {Add(f.Value)}").ToList();
        var value = dimension switch
        {
            null => "''",
            { Scope: DimensionScope.SessionPages } => $"coalesce(s.{dimension.Name}, '{Dimensions.None}')",
            _ => "ev.dim",
        };
        var slack = (long)StoredEvent.SessionSlack.TotalMilliseconds;
        return $"""
            WITH ev AS (
                SELECT vid, session, type, {(dimension is { Scope: not DimensionScope.SessionPages } ? Value(dimension) : "''")} AS dim
                FROM events WHERE {RangeConditions(site, from, to, filters)}
            ),
            sess AS (
                SELECT vid, session, max(ts) - min(ts) AS duration,
                       count(*) = 1 AND count(*) FILTER (WHERE type = {PageView}) = 1 AS bounce,
                       {_dialect.SessionPage(first: true)} AS entry_page, {_dialect.SessionPage(first: false)} AS exit_page
                FROM events
                WHERE {Site(site)} AND ts >= (SELECT min(session) FROM ev) - {slack}
                  {string.Concat(stamped.Select(f => $" AND {Value(f.Dimension)} = {Add(f.Value)}"))}
                  AND (vid, session) IN (SELECT vid, session FROM ev)
                GROUP BY vid, session
            ),
            m AS (
                SELECT {value} AS dim, ev.vid, ev.session, s.bounce, s.duration,
                       count(*) FILTER (WHERE ev.type = {PageView}) AS pageviews
                FROM ev JOIN sess s ON s.vid = ev.vid AND s.session = ev.session
                WHERE {(pages.Count > 0 ? string.Join(" AND ", pages) : "TRUE")}
                GROUP BY 1, ev.vid, ev.session, s.bounce, s.duration
            )

            """;
    }

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
