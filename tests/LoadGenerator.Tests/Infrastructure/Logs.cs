using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Tests.Infrastructure;

public static class Logs
{
    /// <summary>2026-01-01T00:00:00Z: event time of every test log starts here.</summary>
    public const long Start = 1_767_225_600_000;

    /// <summary>A log of <paramref name="count"/> events, <paramref name="eventsPerSecond"/> per second of event time.</summary>
    public static IReadOnlyList<AnalyticsEvent> Of(TrafficProfile profile, int count, double eventsPerSecond = 50) =>
        new TrafficGenerator(profile).Take(count, Start, eventsPerSecond);

    /// <summary>
    /// Each event's wire bytes as text: equal text means every field is equal. (Records compare props by reference,
    /// and comparing thousands of byte arrays element by element is slow in xunit.)
    /// </summary>
    public static List<string> Wire(IEnumerable<AnalyticsEvent> events) => [.. events.Select(e => Convert.ToBase64String(EventWireFormat.Encode(e)))];
}
