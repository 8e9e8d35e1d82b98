namespace Analytics.Sinks.InfluxDb.Errors;

/// <summary>
/// A request to InfluxDB failed. <see cref="IsTransient"/> tells whether the same request may succeed later
/// (server down, overloaded, timed out) or will fail again (bad point, missing database, no permission).
/// Messages carry the server's own explanation, shortened, and never a credential.
/// </summary>
public class InfluxDbException(string message, int? statusCode, bool isTransient, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The HTTP status of the answer; null when no answer came.</summary>
    public int? StatusCode { get; } = statusCode;

    public bool IsTransient { get; } = isTransient;
}
