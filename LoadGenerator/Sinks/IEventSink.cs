using Analytics.Grains.Interfaces.Events;

namespace Analytics.LoadGenerator.Sinks;

/// <summary>Where generated events go: the ingestion endpoint, a Kafka topic, or a test double. Safe to call from several tasks at once.</summary>
public interface IEventSink : IAsyncDisposable
{
    /// <summary>Sends one batch. A refusal or a transport failure is a result, not an exception, so the run goes on and counts it.</summary>
    Task<SendResult> SendAsync(IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken);
}

/// <param name="Failure">Why events failed, short enough to group errors by (for example <c>HTTP 503</c>); null when none did.</param>
public readonly record struct SendResult(int Accepted, int Failed, string? Failure)
{
    public static SendResult Delivered(int count) => new(count, 0, null);

    public static SendResult Refused(int count, string failure) => new(0, count, failure);
}
