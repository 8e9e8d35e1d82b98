using Analytics.Sinks.InfluxDb.LineProtocol;

namespace Analytics.Sinks.InfluxDb.Sink;

/// <summary>Where grains hand their final windows. <see cref="Enqueue"/> never waits and never throws for a full buffer.</summary>
public interface IMetricSink
{
    /// <summary>
    /// Takes all the points or none. Returns at once with a ticket to poll: see <see cref="SinkTicket"/>.
    /// Throws only for a null list or a null point, which are programming errors.
    /// </summary>
    SinkTicket Enqueue(IReadOnlyList<MetricPoint> points);
}
