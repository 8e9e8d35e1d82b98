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
        if (e.Referrer is not null) json["referrer"] = e.Referrer;
        if (e.UserAgent is not null) json["userAgent"] = e.UserAgent;
        if (e.Name is not null) json["name"] = e.Name;
        if (e.Props is { } props)
            json["props"] = new JsonObject(props.Select(p => KeyValuePair.Create(p.Key, p.Value.IsNumber ? JsonValue.Create(p.Value.Number) : (JsonNode?)JsonValue.Create(p.Value.Text))));
        return json;
    }

    public static JsonArray Batch(IEnumerable<AnalyticsEvent> events) => [.. events.Select(e => (JsonNode)Of(e))];
}
