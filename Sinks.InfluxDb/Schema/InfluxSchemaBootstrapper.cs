using Analytics.Sinks.InfluxDb.Diagnostics;
using Analytics.Sinks.InfluxDb.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Sinks.InfluxDb.Schema;

/// <summary>
/// Creates what the sink writes into on an InfluxDB 1.x server, when missing: the database, the raw retention
/// policy (made the default, so plain queries read raw windows), the roll-up retention policy, and the roll-up
/// continuous query (see <see cref="RollupQuery"/>). It reads before it writes and changes only what differs,
/// so running it on every start, from every silo, is harmless.
/// </summary>
public sealed class InfluxSchemaBootstrapper(InfluxQueryClient query, InfluxDbOptions options, ILogger<InfluxSchemaBootstrapper>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<InfluxSchemaBootstrapper>.Instance;
    private readonly RollupQuery _rollup = new(options);
    private readonly string _database = InfluxQl.Identifier(options.Database);

    /// <summary>The name of the roll-up continuous query this configuration wants.</summary>
    public string RollupQueryName => _rollup.Name;

    /// <summary>Brings the schema in line with the options; returns the statements it had to run (none when all was in place).</summary>
    public async Task<IReadOnlyList<string>> EnsureAsync(CancellationToken cancellationToken = default)
    {
        var executed = new List<string>();
        var databases = await RunAsync("SHOW DATABASES", cancellationToken).ConfigureAwait(false);
        if (!databases.Rows.Any(row => row.GetString("name") == options.Database))
            await ChangeAsync($"CREATE DATABASE {_database}", executed, cancellationToken).ConfigureAwait(false);

        var listed = await RunAsync($"SHOW RETENTION POLICIES ON {_database}", cancellationToken).ConfigureAwait(false);
        var policies = listed.Rows.Select(RetentionPolicyInfo.FromRow).ToDictionary(p => p.Name, StringComparer.Ordinal);
        await EnsurePolicyAsync(policies, options.RetentionPolicy, options.RawRetention, makeDefault: true, executed, cancellationToken).ConfigureAwait(false);
        await EnsurePolicyAsync(policies, options.RollupRetentionPolicy, options.RollupRetention, makeDefault: false, executed, cancellationToken).ConfigureAwait(false);
        await EnsureRollupAsync(executed, cancellationToken).ConfigureAwait(false);
        return executed;
    }

    /// <summary>
    /// Recomputes the roll-ups of [from, to), widened to whole roll-up intervals. The continuous query only looks
    /// back <see cref="InfluxDbOptions.RollupResampleFor"/>; after a longer outage, run this over the gap.
    /// Returns the number of roll-up points written.
    /// </summary>
    public async Task<long> BackfillRollupsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var interval = (long)options.RollupInterval.TotalMilliseconds;
        var start = FloorTo(from.ToUnixTimeMilliseconds(), interval);
        var end = -FloorTo(-to.ToUnixTimeMilliseconds(), interval);
        var result = await RunAsync(_rollup.Backfill(start, end), cancellationToken).ConfigureAwait(false);
        return result.Rows.Sum(row => row.GetInt64("written"));
    }

    private async Task EnsurePolicyAsync(
        Dictionary<string, RetentionPolicyInfo> policies, string name, TimeSpan duration, bool makeDefault, List<string> executed, CancellationToken cancellationToken)
    {
        var clause = $"RETENTION POLICY {InfluxQl.Identifier(name)} ON {_database} DURATION {InfluxQl.Duration(duration)}";
        var defaultClause = makeDefault ? " DEFAULT" : "";
        if (!policies.TryGetValue(name, out var existing))
            await ChangeAsync($"CREATE {clause} REPLICATION 1{defaultClause}", executed, cancellationToken).ConfigureAwait(false);
        else if (existing.Duration != duration || (makeDefault && !existing.IsDefault))
            await ChangeAsync($"ALTER {clause}{defaultClause}", executed, cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureRollupAsync(List<string> executed, CancellationToken cancellationToken)
    {
        var listed = await RunAsync("SHOW CONTINUOUS QUERIES", cancellationToken).ConfigureAwait(false);
        var ours = listed.Series
            .Where(series => series.Name == options.Database)
            .SelectMany(series => series.Rows)
            .Select(row => row.GetString("name")!)
            .Where(name => name.StartsWith(RollupQuery.NamePrefix, StringComparison.Ordinal))
            .ToList();
        var wanted = options.RollupFunctionNames.Count > 0;
        foreach (var stale in ours.Where(name => !wanted || name != _rollup.Name))
            await ChangeAsync($"DROP CONTINUOUS QUERY {InfluxQl.Identifier(stale)} ON {_database}", executed, cancellationToken).ConfigureAwait(false);
        if (wanted && !ours.Contains(_rollup.Name))
            await ChangeAsync(_rollup.CreateStatement, executed, cancellationToken).ConfigureAwait(false);
    }

    private async Task ChangeAsync(string statement, List<string> executed, CancellationToken cancellationToken)
    {
        await RunAsync(statement, cancellationToken).ConfigureAwait(false);
        executed.Add(statement);
        InfluxLog.SchemaChanged(_logger, statement);
    }

    private static long FloorTo(long ms, long step) => ms - (ms % step + step) % step;

    // Statements name their database explicitly, so none is passed along: the database may not exist yet.
    private Task<InfluxQueryResult> RunAsync(string statement, CancellationToken cancellationToken) =>
        query.QueryAsync(statement, database: "", cancellationToken: cancellationToken);
}
