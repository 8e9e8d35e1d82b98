using Analytics.Sinks.InfluxDb.LineProtocol;

namespace Analytics.Sinks.InfluxDb.Writers;

/// <summary>
/// Sends points to InfluxDB in one request. Implementations map every failure to an
/// <see cref="Errors.InfluxDbException"/> whose <c>IsTransient</c> says whether to retry; they do not retry
/// themselves, so the sink's resilience pipeline is the only place that decides.
/// </summary>
public interface IInfluxWriter : IDisposable
{
    /// <summary>Writes the points; completes once the server has stored them.</summary>
    Task WriteAsync(IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken);
}
