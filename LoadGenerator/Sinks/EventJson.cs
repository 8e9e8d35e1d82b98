using System.Buffers;
using System.Text.Json;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.LoadGenerator.Sinks;

/// <summary>
/// Events as a client sends them to <c>POST /api/events</c> (METRICS.md §1): the fields a tracker knows, with
/// <c>ts</c> in epoch milliseconds. The page and the ingestion time are the server's to derive, so they are left out.
/// </summary>
public static class EventJson
{
    /// <summary>A JSON array of the events: one request body.</summary>
    public static byte[] Serialize(IReadOnlyList<AnalyticsEvent> events)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * events.Count + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var e in events) Write(writer, e);
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, AnalyticsEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString("id", e.Id);
        writer.WriteString("type", e.Type.ToWireName());
        writer.WriteString("site", e.Site);
        writer.WriteString("visitor", e.Visitor);
        if (e.Url is not null) writer.WriteString("url", e.Url);
        if (e.Referrer is not null) writer.WriteString("referrer", e.Referrer);
        writer.WriteNumber("ts", e.Timestamp);
        if (e.Value is { } value) writer.WriteNumber("value", value);
        if (e.Props is { Count: > 0 } props)
        {
            writer.WriteStartObject("props");
            foreach (var (key, prop) in props)
            {
                if (prop.IsNumber) writer.WriteNumber(key, prop.Number);
                else writer.WriteString(key, prop.Text);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
