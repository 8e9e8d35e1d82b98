using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.Grains.Interfaces.Events;

/// <summary>Source-generated JSON for the event contract: no reflection on the ingestion path.</summary>
[JsonSourceGenerationOptions(
    AllowDuplicateProperties = false,
    MaxDepth = EventRules.MaxJsonDepth,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EventDocument))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class EventJsonContext : JsonSerializerContext;
