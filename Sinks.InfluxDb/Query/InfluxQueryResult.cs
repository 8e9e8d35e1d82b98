namespace Analytics.Sinks.InfluxDb.Query;

/// <summary>The answer to one query text: one entry per statement, in order.</summary>
public sealed class InfluxQueryResult(IReadOnlyList<InfluxStatementResult> statements)
{
    public IReadOnlyList<InfluxStatementResult> Statements { get; } = statements;

    /// <summary>Every series of every statement.</summary>
    public IEnumerable<InfluxSeries> Series => Statements.SelectMany(s => s.Series);

    /// <summary>Every row of every series, each knowing its measurement and tags.</summary>
    public IEnumerable<InfluxRow> Rows => Series.SelectMany(s => s.Rows);
}
