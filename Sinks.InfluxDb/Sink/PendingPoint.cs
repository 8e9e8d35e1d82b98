using Analytics.Sinks.InfluxDb.LineProtocol;

namespace Analytics.Sinks.InfluxDb.Sink;

/// <summary>A buffered point and the ticket that waits for it.</summary>
internal readonly record struct PendingPoint(MetricPoint Point, SinkTicket Ticket);
