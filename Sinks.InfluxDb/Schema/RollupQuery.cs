using System.Security.Cryptography;
using System.Text;
using Analytics.Sinks.InfluxDb.Query;

namespace Analytics.Sinks.InfluxDb.Schema;

/// <summary>
/// The roll-up: every numeric field of every measurement in the raw retention policy, aggregated per
/// <see cref="InfluxDbOptions.RollupInterval"/> with each of <see cref="InfluxDbOptions.RollupFunctions"/>
/// (fields <c>mean_value</c>, <c>max_value</c>, …), written under the same measurement and tags into the roll-up
/// retention policy. One continuous query covers all measurements, so new metrics are rolled up without
/// a schema change. Its name carries a hash of its text: a changed setting yields a new name, and the
/// bootstrapper replaces the old query (InfluxDB cannot alter a continuous query).
/// </summary>
internal sealed class RollupQuery
{
    public const string NamePrefix = "analytics_rollup_";

    private readonly InfluxDbOptions _options;

    public RollupQuery(InfluxDbOptions options)
    {
        _options = options;
        var body = $"{Resample} BEGIN {Select(where: "")} END";
        Name = NamePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..12];
        CreateStatement = $"CREATE CONTINUOUS QUERY {InfluxQl.Identifier(Name)} ON {InfluxQl.Identifier(options.Database)} {body}";
    }

    /// <summary>The continuous query's name, <c>analytics_rollup_</c> and a hash of its definition.</summary>
    public string Name { get; }

    public string CreateStatement { get; }

    /// <summary>Runs every interval and recomputes the last <see cref="InfluxDbOptions.RollupResampleFor"/>, so late windows are included.</summary>
    private string Resample => $"RESAMPLE EVERY {InfluxQl.Duration(_options.RollupInterval)} FOR {InfluxQl.Duration(_options.RollupResampleFor)}";

    /// <summary>The same aggregation over a time range, for filling roll-ups after an outage longer than the resample window.</summary>
    public string Backfill(long fromMs, long toMs) =>
        Select($"WHERE time >= {InfluxQl.Time(fromMs)} AND time < {InfluxQl.Time(toMs)} ");

    private string Select(string where)
    {
        var db = InfluxQl.Identifier(_options.Database);
        var aggregates = string.Join(", ", _options.RollupFunctionNames.Select(f => $"{f}(*)"));
        return $"SELECT {aggregates} INTO {db}.{InfluxQl.Identifier(_options.RollupRetentionPolicy)}.:MEASUREMENT " +
               $"FROM {db}.{InfluxQl.Identifier(_options.RetentionPolicy)}./.*/ {where}" +
               $"GROUP BY time({InfluxQl.Duration(_options.RollupInterval)}), *";
    }
}
