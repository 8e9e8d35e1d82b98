using Analytics.Testing;
using Analytics.Sinks.InfluxDb.LineProtocol;

namespace Analytics.Sinks.InfluxDb.Tests.Infrastructure;

/// <summary>Small builders for test points.</summary>
public static class Points
{
    /// <summary>Now, rounded down to the second: inside every retention policy, and the same for all points of a test.</summary>
    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() * 1000;

    public static MetricPoint Value(string measurement, long timestampMs, FieldValue value, params (string Key, string Value)[] tags) =>
        new(measurement, tags.ToDictionary(t => t.Key, t => t.Value), "value", value, timestampMs);

    public static Dictionary<string, string> Tags(params (string Key, string Value)[] tags) => tags.ToDictionary(t => t.Key, t => t.Value);

    public static Dictionary<string, FieldValue> Fields(params (string Key, FieldValue Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);
}
