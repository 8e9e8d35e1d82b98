using Analytics.Testing;
using System.Collections.Concurrent;
using Analytics.Sinks.InfluxDb.Diagnostics;

namespace Analytics.Sinks.InfluxDb.Tests.Infrastructure;

/// <summary>Counts the outcomes a sink reports, as the host's metrics exporter would.</summary>
public sealed class RecordingObserver : IInfluxSinkObserver
{
    private readonly ConcurrentDictionary<WriteOutcome, int> _requests = new();
    private readonly ConcurrentDictionary<WriteOutcome, int> _points = new();

    public void OnWrite(WriteOutcome outcome, int points)
    {
        _requests.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        _points.AddOrUpdate(outcome, points, (_, n) => n + points);
    }

    public int Requests(WriteOutcome outcome) => _requests.GetValueOrDefault(outcome);

    public int Points(WriteOutcome outcome) => _points.GetValueOrDefault(outcome);
}
