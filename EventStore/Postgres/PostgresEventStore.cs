using Analytics.Grains.Interfaces.Goals;
using Analytics.Grains.Interfaces.Audience;
using System.Text.Json;
using Analytics.EventStore.Goals;
using Analytics.EventStore.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Analytics.EventStore.Postgres;

/// <summary>
/// The store for several silos: one PostgreSQL table that every silo writes to. A batch is copied (binary COPY) into
/// a temporary table and moved with INSERT … ON CONFLICT DO NOTHING in one transaction, so a replayed batch, or the
/// same event written by two silos after a partition moved, is stored once.
/// </summary>
public sealed class PostgresEventStore(string connectionString) : IEventStore
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    private readonly object _initializing = new();
    private Task? _initialized;

    // Once per process: every write and query calls it. A failed attempt is tried again by the next caller.
    public Task InitializeAsync(CancellationToken cancellation = default)
    {
        lock (_initializing)
        {
            if (_initialized is null || _initialized.IsFaulted || _initialized.IsCanceled) _initialized = CreateTablesAsync();
            return _initialized.WaitAsync(cancellation);
        }
    }

    private async Task CreateTablesAsync()
    {
        await using var command = _dataSource.CreateCommand(PostgresSchema.Create);
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            // Another silo created the tables at the same moment (IF NOT EXISTS does not guard against a concurrent CREATE).
        }
    }

    public async Task WriteAsync(IReadOnlyList<StoredEvent> events, CancellationToken cancellation = default)
    {
        if (events.Count == 0) return;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await new NpgsqlCommand(PostgresSchema.CreateStaging, connection, transaction).ExecuteNonQueryAsync(cancellation);
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY staging ({PostgresSchema.Columns}) FROM STDIN (FORMAT BINARY)", cancellation))
        {
            foreach (var e in events) await Write(copy, e, cancellation);
            await copy.CompleteAsync(cancellation);
        }
        await new NpgsqlCommand(PostgresSchema.MoveStaged, connection, transaction).ExecuteNonQueryAsync(cancellation);
        await transaction.CommitAsync(cancellation);
    }

    public async Task<IReadOnlyList<BreakdownRow>> BreakdownAsync(string site, string dimension, long from, long to,
        IReadOnlyList<DimensionFilter> filters, int limit, CancellationToken cancellation = default)
    {
        var query = new RangeQuery(PostgresDialect.Instance);
        await using var command = Command(query.Breakdown(site, Dimension.Parse(dimension), from, to, Filters.Parse(filters), limit), query.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var rows = new List<BreakdownRow>();
        while (await reader.ReadAsync(cancellation)) rows.Add(Rows.Breakdown(reader));
        return rows;
    }

    public async Task<long> VisitorsAsync(string site, long from, long to, IReadOnlyList<DimensionFilter> filters, CancellationToken cancellation = default)
    {
        var query = new RangeQuery(PostgresDialect.Instance);
        await using var command = Command(query.Visitors(site, from, to, Filters.Parse(filters)), query.Parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }

    public async Task<GoalTotals> GoalAsync(string site, GoalDefinition goal, long from, long to, IReadOnlyList<DimensionFilter> filters,
        CancellationToken cancellation = default)
    {
        var query = new RangeQuery(PostgresDialect.Instance);
        await using var command = Command(query.Goal(site, goal, from, to, Filters.Parse(filters)), query.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        return Rows.Goal(reader);
    }

    public async Task<long[]> FunnelAsync(string site, IReadOnlyList<GoalDefinition> steps, long from, long to, IReadOnlyList<DimensionFilter> filters,
        CancellationToken cancellation = default)
    {
        var query = new RangeQuery(PostgresDialect.Instance);
        await using var command = Command(query.Funnel(site, steps, from, to, Filters.Parse(filters)), query.Parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await FunnelWalk.CountAsync(reader, steps.Count, cancellation);
    }

    public async Task<SiteGoals> ReadGoalsAsync(string site, CancellationToken cancellation = default)
    {
        await using var command = Command(DefinitionsTable.Read, [site]);
        return await command.ExecuteScalarAsync(cancellation) is string json ? GoalsJson.Read(json) : SiteGoals.None;
    }

    public async Task WriteGoalsAsync(string site, SiteGoals goals, CancellationToken cancellation = default)
    {
        await using var command = Command(DefinitionsTable.Replace, [site, GoalsJson.Write(goals)]);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<long> DeleteOlderThanAsync(long cutoff, CancellationToken cancellation = default)
    {
        await using var command = Command("DELETE FROM events WHERE ts < $1", [cutoff]);
        return await command.ExecuteNonQueryAsync(cancellation);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private NpgsqlCommand Command(string sql, IEnumerable<object> parameters)
    {
        var command = _dataSource.CreateCommand(sql);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        return command;
    }

    private static async Task Write(NpgsqlBinaryImporter copy, StoredEvent e, CancellationToken cancellation)
    {
        var d = e.Dimensions;
        await copy.StartRowAsync(cancellation);
        await copy.WriteAsync(e.Site, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(e.Id, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync((short)e.Type, NpgsqlDbType.Smallint, cancellation);
        await copy.WriteAsync(e.Timestamp, NpgsqlDbType.Bigint, cancellation);
        await copy.WriteAsync(e.Visitor, NpgsqlDbType.Text, cancellation);
        await copy.WriteAsync(VisitorKey.AsGuid(VisitorKey.Of(e.Site, e.Visitor)), NpgsqlDbType.Uuid, cancellation);
        await copy.WriteAsync(e.SessionId, NpgsqlDbType.Bigint, cancellation);
        await WriteNullable(copy, e.Page, NpgsqlDbType.Text, cancellation);
        await WriteNullable(copy, e.Name, NpgsqlDbType.Text, cancellation);
        await WriteNullable(copy, e.Value, NpgsqlDbType.Double, cancellation);
        await WriteNullable(copy, e.Props is { Count: > 0 } props ? JsonSerializer.Serialize(props) : null, NpgsqlDbType.Jsonb, cancellation);
        foreach (var value in (string[])[d.Source, d.UtmSource, d.UtmMedium, d.UtmCampaign, d.Browser, d.Os, d.Device, d.Country])
            await copy.WriteAsync(value, NpgsqlDbType.Text, cancellation);
    }

    private static Task WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellation) =>
        value is null ? copy.WriteNullAsync(cancellation) : copy.WriteAsync(value, type, cancellation);
}
