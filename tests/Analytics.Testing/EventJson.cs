using System.Text.Json.Nodes;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Testing;

/// <summary>An event of a generated log as its site would post it to <c>POST /api/events</c>.</summary>
public static class EventJson
{
    public static JsonObject Of(AnalyticsEvent e)
    {
        var json = new JsonObject { ["id"] = e.Id, ["type"] = e.Type.ToWireName(), ["site"] = e.Site, ["visitor"] = e.Visitor, ["ts"] = e.Timestamp };
        if (e.Url is not null) json["url"] = e.Url;
        if (e.Value is { } value) json["value"] = value;
        return json;
    }

    public static JsonArray Batch(IEnumerable<AnalyticsEvent> events) => [.. events.Select(e => (JsonNode)Of(e))];
}
