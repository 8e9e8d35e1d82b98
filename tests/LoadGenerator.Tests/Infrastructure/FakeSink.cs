using System.Collections.Concurrent;
using Analytics.Grains.Interfaces.Events;
using Analytics.LoadGenerator.Sinks;

namespace Analytics.LoadGenerator.Tests.Infrastructure;

/// <summary>A sink in memory: keeps every batch and answers as told (by default, all accepted).</summary>
public sealed class FakeSink(Func<IReadOnlyList<AnalyticsEvent>, SendResult>? answer = null) : IEventSink
{
    private readonly ConcurrentQueue<AnalyticsEvent[]> _batches = new();

    public IReadOnlyCollection<AnalyticsEvent[]> Batches => _batches;

    public Task<SendResult> SendAsync(IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken)
    {
        _batches.Enqueue([.. events]);
        return Task.FromResult(answer?.Invoke(events) ?? SendResult.Delivered(events.Count));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
