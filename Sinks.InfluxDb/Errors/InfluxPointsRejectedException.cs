namespace Analytics.Sinks.InfluxDb.Errors;

/// <summary>
/// InfluxDB refused points of a write (400, 413 or 422): a field type conflict or points outside the
/// retention policy answer "partial write", in which case the other points of the request were stored.
/// Sending the same points again fails the same way.
/// </summary>
public sealed class InfluxPointsRejectedException(string message, int statusCode) : InfluxDbException(message, statusCode, isTransient: false)
{
    /// <summary>Some points of the request were stored and others dropped.</summary>
    public bool IsPartialWrite => Message.Contains("partial write", StringComparison.Ordinal);
}
