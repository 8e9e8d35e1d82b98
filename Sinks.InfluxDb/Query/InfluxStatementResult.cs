namespace Analytics.Sinks.InfluxDb.Query;

/// <summary>The answer to one statement. <see cref="Partial"/>: the server cut the answer short (its row limit).</summary>
public sealed record InfluxStatementResult(int StatementId, IReadOnlyList<InfluxSeries> Series, bool Partial);
