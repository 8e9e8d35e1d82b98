using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Bench.Wire;

/// <summary>
/// The same fields as the binary wire format, as JSON: what the topic would carry if the grid used JSON on
/// Kafka. Mapping to and from <see cref="AnalyticsEvent"/> is part of its cost, as building the event is part of
/// the binary decoder's.
/// </summary>
internal sealed class JsonEvent
{
    public string Id { get; set; } = "";

    public string Type { get; set; } = "";

    public string Site { get; set; } = "";

    public string Visitor { get; set; } = "";

    public long Ts { get; set; }

    public long IngestedAt { get; set; }

    public string? Url { get; set; }

    public string? Page { get; set; }

    public string? Referrer { get; set; }

    public double? Value { get; set; }

    public IReadOnlyDictionary<string, PropertyValue>? Props { get; set; }

    public static JsonEvent From(AnalyticsEvent e) => new()
    {
        Id = e.Id,
        Type = e.Type.ToWireName(),
        Site = e.Site,
        Visitor = e.Visitor,
        Ts = e.Timestamp,
        IngestedAt = e.IngestedAtMicros,
        Url = e.Url,
        Page = e.Page,
        Referrer = e.Referrer,
        Value = e.Value,
        Props = e.Props,
    };

    public AnalyticsEvent ToEvent() =>
        EventTypes.TryParse(Type, out var type)
            ? new AnalyticsEvent(Id, type, Site, Visitor, Ts, Url, Page, Referrer, Value, Props, IngestedAt)
            : throw new FormatException($"unknown event type '{Type}'");
}

/// <summary>A prop is a JSON string or number, as in the contract.</summary>
internal sealed class PropertyValueJsonConverter : JsonConverter<PropertyValue>
{
    public override PropertyValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => PropertyValue.Of(reader.GetString()!),
        JsonTokenType.Number => PropertyValue.Of(reader.GetDouble()),
        _ => throw new JsonException("a prop must be a string or a number"),
    };

    public override void Write(Utf8JsonWriter writer, PropertyValue value, JsonSerializerOptions options)
    {
        if (value.IsNumber) writer.WriteNumberValue(value.Number);
        else writer.WriteStringValue(value.Text);
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(PropertyValueJsonConverter)])]
[JsonSerializable(typeof(JsonEvent))]
internal sealed partial class JsonEventContext : JsonSerializerContext;
