namespace Analytics.Sinks.InfluxDb.LineProtocol;

/// <summary>
/// A point that line protocol cannot carry exactly. Thrown when the point is built, so a bad value never
/// reaches the buffer, and so it can never turn into a broken or injected line on the wire.
/// </summary>
public sealed class InvalidMetricPointException(string message) : ArgumentException(message);
