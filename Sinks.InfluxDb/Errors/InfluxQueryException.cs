namespace Analytics.Sinks.InfluxDb.Errors;

/// <summary>InfluxDB could not run an InfluxQL statement (a syntax error, an unknown database, a failed statement).</summary>
public sealed class InfluxQueryException(string message, int? statusCode) : InfluxDbException(message, statusCode, isTransient: false);
