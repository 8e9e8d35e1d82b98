namespace Analytics.Sinks.InfluxDb.Errors;

/// <summary>InfluxDB refused the credentials or their permissions (401 or 403). The credentials are never part of the message.</summary>
public sealed class InfluxAuthorizationException(string message, int statusCode) : InfluxDbException(message, statusCode, isTransient: false);
