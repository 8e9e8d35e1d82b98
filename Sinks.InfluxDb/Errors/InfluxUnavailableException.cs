namespace Analytics.Sinks.InfluxDb.Errors;

/// <summary>InfluxDB could not be reached, timed out, was overloaded (429) or failed (5xx). Transient: the sink retries.</summary>
public sealed class InfluxUnavailableException(string message, int? statusCode, Exception? innerException = null)
    : InfluxDbException(message, statusCode, isTransient: true, innerException);
