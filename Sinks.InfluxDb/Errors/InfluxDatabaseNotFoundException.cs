namespace Analytics.Sinks.InfluxDb.Errors;

/// <summary>The database (API 1) or bucket (API 2) does not exist: InfluxDB answered 404. Not transient: create it, or enable CreateSchema.</summary>
public sealed class InfluxDatabaseNotFoundException(string message) : InfluxDbException(message, 404, isTransient: false);
