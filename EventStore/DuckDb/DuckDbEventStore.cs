using Analytics.Grains.Interfaces.Goals;
using Analytics.Grains.Interfaces.Audience;
using System.Data.Common;
using Analytics.EventStore.Goals;
using Analytics.EventStore.Sql;
using DuckDB.NET.Data;

namespace Analytics.EventStore.DuckDb;

/// <summary>
/// The embedded store: one DuckDB file that this process owns (DuckDB lets one process open a file for writing).
/// Writes go through one connection, in order: the appender fills a staging table, and one INSERT moves its rows
/// into the events table, skipping every (site, id) that is already there. Queries each open a connection of
/// their own on the same database and run beside the writes.
/// </summary>
public sealed class DuckDbEventStore : IEventStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private DuckDBConnection? _writer;

    public DuckDbEventStore(string path) => _connectionString = $"Data Source={path}";

    public async Task InitializeAsync(CancellationToken cancellation = default)
    {
        await _writeLock.WaitAsync(cancellation);
        try
        {
            if (_writer is not null) return;
            var writer = new DuckDBConnection(_connectionString);
            await writer.OpenAsync(cancellation);
            await ExecuteAsync(writer, DuckDbSchema.Create, cancellation);
            await ExecuteAsync(writer, DuckDbSchema.CreateStaging, cancellation);
            await ExecuteAsync(writer, DefinitionsTable.Create, cancellation);
            _writer = writer;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task WriteAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellation = default)
    {
        if (events.Count == 0) return;
        await _writeLock.WaitAsync(cancellation);
        try
        {
            var writer = _writer ?? throw new InvalidOperationException("InitializeAsync first");
            await ExecuteAsync(writer, "DELETE FROM staging", cancellation);
            using (var appender = writer.CreateAppender("staging"))
            {
                foreach (var e in events) Append(appender.CreateRow(), e);
            }
            await using var move = Command(writer, DuckDbSchema.MoveStaged, [events.Min(e => e.Timestamp), events.Max(e => e.Timestamp)]);
            await move.ExecuteNonQueryAsync(cancellation);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<IReadOnlyList<BreakdownRow>> BreakdownAsync(string site, string dimension, long from, long to,
        IReadOnlyList<DimensionFilter> filters, int limit, CancellationToken cancellation = default)
    {
        var query = new RangeQuery(DuckDbDialect.Instance);
        var sql = query.Breakdown(site, Dimension.Parse(dimension), from, to, Filters.Parse(filters), limit);
        await using var connection = await OpenAsync(cancellation);
        await using var command = Command(connection, sql, query.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var rows = new List<BreakdownRow>();
        while (await reader.ReadAsync(cancellation)) rows.Add(Rows.Breakdown(reader));
        return rows;
    }

    public async Task<long> VisitorsAsync(string site, long from, long to, IReadOnlyList<DimensionFilter> filters, CancellationToken cancellation = default)
    {
        var query = new RangeQuery(DuckDbDialect.Instance);
        var sql = query.Visitors(site, from, to, Filters.Parse(filters));
        await using var connection = await OpenAsync(cancellation);
        await using var command = Command(connection, sql, query.Parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }

    public async Task<GoalTotals> GoalAsync(string site, GoalDefinition goal, long from, long to, IReadOnlyList<DimensionFilter> filters,
        CancellationToken cancellation = default)
    {
        var query = new RangeQuery(DuckDbDialect.Instance);
        var sql = query.Goal(site, goal, from, to, Filters.Parse(filters));
        await using var connection = await OpenAsync(cancellation);
        await using var command = Command(connection, sql, query.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return Rows.Goal(reader);
    }

    public async Task<long[]> FunnelAsync(string site, IReadOnlyList<GoalDefinition> steps, long from, long to, IReadOnlyList<DimensionFilter> filters,
        CancellationToken cancellation = default)
    {
        var query = new RangeQuery(DuckDbDialect.Instance);
        var sql = query.Funnel(site, steps, from, to, Filters.Parse(filters));
        await using var connection = await OpenAsync(cancellation);
        await using var command = Command(connection, sql, query.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await FunnelWalk.CountAsync(reader, steps.Count, cancellation);
    }

    public async Task<SiteGoals> ReadGoalsAsync(string site, CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = Command(connection, DefinitionsTable.Read, [site]);
        return await command.ExecuteScalarAsync(cancellation) is string json ? GoalsJson.Read(json) : SiteGoals.None;
    }

    public async Task WriteGoalsAsync(string site, SiteGoals goals, CancellationToken cancellation = default)
    {
        await _writeLock.WaitAsync(cancellation);
        try
        {
            var writer = _writer ?? throw new InvalidOperationException("InitializeAsync first");
            await using var command = Command(writer, DefinitionsTable.Replace, [site, GoalsJson.Write(goals)]);
            await command.ExecuteNonQueryAsync(cancellation);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellation = default)
    {
        await _writeLock.WaitAsync(cancellation);
        try
        {
            await using var command = Command(_writer!, "DELETE FROM events WHERE ts < $1", [cutoff]);
            return await command.ExecuteNonQueryAsync(cancellation);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        _writeLock.Dispose();
    }

    private static void Append(IDuckDBAppenderRow row, StoredEvent e)
    {
        var d = e.Dimensions;
        row.AppendValue(e.Site).AppendValue(e.Id).AppendValue((sbyte)e.Type).AppendValue(e.Timestamp).AppendValue(e.Visitor)
            .AppendValue(VisitorKey.AsSigned(VisitorKey.Of(e.Site, e.Visitor))).AppendValue(e.SessionId)
            .AppendValue(e.Page).AppendValue(e.Name).AppendValue(e.Value);
        if (e.Props is { Count: > 0 } props)
            row.AppendValue(props.Keys.ToList()).AppendValue(props.Values.ToList());
        else
            row.AppendNullValue().AppendNullValue();
        row.AppendValue(d.Source).AppendValue(d.UtmSource).AppendValue(d.UtmMedium).AppendValue(d.UtmCampaign)
            .AppendValue(d.Browser).AppendValue(d.Os).AppendValue(d.Device).AppendValue(d.Country)
            .EndRow();
    }

    private async Task<DuckDBConnection> OpenAsync(CancellationToken cancellation)
    {
        var connection = new DuckDBConnection(_connectionString);
        await connection.OpenAsync(cancellation);
        return connection;
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, IEnumerable<object> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters) command.Parameters.Add(new DuckDBParameter(p));
        return command;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
