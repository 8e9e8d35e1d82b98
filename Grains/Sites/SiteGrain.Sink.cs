using Analytics.Grains.Interfaces.Telemetry;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Grains.Sink;
using Analytics.Sinks.InfluxDb.Errors;
using Analytics.Sinks.InfluxDb.Sink;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Grains.Sites;

internal sealed partial class SiteGrain
{
    private IMetricSink? _sink;
    private SinkTicket? _ticket;
    private int _ticketWindows;

    /// <summary>A final window goes to InfluxDB (when one is configured) and stays in the saved backlog until written.</summary>
    private void ToSink(WindowKey key, WindowValue value)
    {
        if (_sink is not null && Metrics.Exists(key.Family, value)) state.State.Unwritten.Add(new WindowEntry(key, value));
    }

    /// <summary>
    /// One batch in flight at a time, from a timer: when it is written its windows leave the backlog; when it
    /// was dropped (the silo's buffer was full, or it stopped) it is sent again; points the server refuses for
    /// good are counted and dropped, as they would be refused again.
    /// </summary>
    private void SendToSink()
    {
        if (_sink is null) return;
        if (_ticket is { Written.IsCompleted: false }) return;
        if (_ticket is { } done)
        {
            if (done.Written.IsCompletedSuccessfully || done.Written.Exception?.InnerException is InfluxDbException { IsTransient: false })
                state.State.Unwritten.RemoveRange(0, _ticketWindows);
            _ticket = null;
        }
        var backlog = state.State.Unwritten;
        var over = backlog.Count - grid.Value.SinkBacklog;
        if (over > 0)
        {
            // A long outage: the oldest windows give way, counted, rather than the grain's memory.
            backlog.RemoveRange(0, over);
            metrics.Error(ErrorTypes.SinkOverflow, over);
        }
        if (backlog.Count == 0) return;
        _ticketWindows = Math.Min(backlog.Count, grid.Value.SinkBatchWindows);
        _ticket = _sink.Enqueue([.. backlog.Take(_ticketWindows).SelectMany(w => WindowPoints.Of(Site, w))]);
    }

    private void StartSink() => _sink = ServiceProvider.GetService<IMetricSink>();
}
