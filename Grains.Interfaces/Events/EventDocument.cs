using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Grains.Interfaces.Events;

/// <summary>
/// An event as a client sent it, before validation. Every field is kept as raw JSON so that the
/// validator can name each wrong field and type at once, instead of stopping at the first error.
/// </summary>
public sealed class EventDocument
{
    [JsonPropertyName("id")] public JsonElement Id { get; set; }
    [JsonPropertyName("type")] public JsonElement Type { get; set; }
    [JsonPropertyName("site")] public JsonElement Site { get; set; }
    [JsonPropertyName("visitor")] public JsonElement Visitor { get; set; }
    [JsonPropertyName("url")] public JsonElement Url { get; set; }
    [JsonPropertyName("referrer")] public JsonElement Referrer { get; set; }
    [JsonPropertyName("ts")] public JsonElement Ts { get; set; }
    [JsonPropertyName("value")] public JsonElement Value { get; set; }
    [JsonPropertyName("name")] public JsonElement Name { get; set; }
    [JsonPropertyName("userAgent")] public JsonElement UserAgent { get; set; }
    [JsonPropertyName("props")] public JsonElement Props { get; set; }

    /// <summary>Fields the contract does not know; any of them makes the event invalid.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Unknown { get; set; }
}
