namespace Analytics.Grains.Interfaces.Events;

/// <summary>The kinds of event a site can send (METRICS.md §1).</summary>
public enum EventType : byte
{
    PageView = 1,
    Click = 2,
    Conversion = 3,
    Custom = 4,
}

public static class EventTypes
{
    public const string PageView = "page_view";
    public const string Click = "click";
    public const string Conversion = "conversion";
    public const string Custom = "custom";

    public static readonly IReadOnlyList<EventType> All = [EventType.PageView, EventType.Click, EventType.Conversion, EventType.Custom];

    public static string ToWireName(this EventType type) => type switch
    {
        EventType.PageView => PageView,
        EventType.Click => Click,
        EventType.Conversion => Conversion,
        EventType.Custom => Custom,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown event type"),
    };

    public static bool TryParse(string? name, out EventType type)
    {
        type = name switch
        {
            PageView => EventType.PageView,
            Click => EventType.Click,
            Conversion => EventType.Conversion,
            Custom => EventType.Custom,
            _ => 0,
        };
        return type != 0;
    }

    public static bool IsDefined(EventType type) => type is >= EventType.PageView and <= EventType.Custom;
}
