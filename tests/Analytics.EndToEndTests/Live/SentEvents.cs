using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.Grains.Interfaces.Events;
using Analytics.Testing;

namespace Analytics.EndToEndTests.Live;

/// <summary>An event as a site sends it to <c>POST /api/events</c> (METRICS.md §1).</summary>
/// <param name="UserAgent">The browser's user agent, sent in the event as a server forwarding a hit does; none by default.</param>
/// <param name="Name">A custom event's name (goals match it).</param>
public sealed record SentEvent(
    EventType Type, string Site, string Visitor, long Timestamp, string? Url = null, double? Value = null, string? Referrer = null, string? UserAgent = null,
    string? Name = null, IReadOnlyDictionary<string, string>? Props = null)
{
    public string Id { get; } = Guid.NewGuid().ToString("N");

    public static SentEvent PageView(string site, string visitor, long timestamp, string url) => new(EventType.PageView, site, visitor, timestamp, url);

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["id"] = Id, ["type"] = Type.ToWireName(), ["site"] = Site, ["visitor"] = Visitor, ["ts"] = Timestamp };
        if (Url is not null) json["url"] = Url;
        if (Value is not null) json["value"] = Value;
        if (Referrer is not null) json["referrer"] = Referrer;
        if (UserAgent is not null) json["userAgent"] = UserAgent;
        if (Name is not null) json["name"] = Name;
        if (Props is not null) json["props"] = new JsonObject([.. Props.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]);
        return json;
    }

    /// <summary>The same event as the reference computation takes it.</summary>
    public AnalyticsEvent ToAnalyticsEvent() =>
        new(Id, Type, Site, Visitor, Timestamp, Url, Url is null ? null : PagePath.Of(new Uri(Url)), Referrer, Value,
            Props?.ToDictionary(p => p.Key, p => PropertyValue.Of(p.Value)), 0) { UserAgent = UserAgent, Name = Name };
}

public static class SentEvents
{
    /// <summary>Posts a batch and checks the answer: 202 once every event is durable in Kafka.</summary>
    public static async Task PostAsync(HttpClient http, string api, IReadOnlyCollection<SentEvent> events)
    {
        using var response = await http.PostAsJsonAsync($"{api}/api/events", new JsonArray([.. events.Select(e => e.ToJson())]));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/events answered {(int)response.StatusCode}: {body}");
        Assert.Equal(events.Count, (int)JsonNode.Parse(body)!["accepted"]!);
    }

    /// <summary>
    /// Moves the grid's watermark to <paramref name="time"/> − MaxOutOfOrderness: another site's event, posted once the clock has
    /// reached <paramref name="time"/> (an event counts for the watermark at most at the time the API accepted it).
    /// </summary>
    public static async Task<SentEvent> PostClockTickAsync(HttpClient http, string api, long time)
    {
        await Eventually.True(() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() >= time, TimeSpan.FromMinutes(1), "the clock to reach the tick");
        var tick = SentEvent.PageView(LiveGrid.NewSite("clock"), "tick", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), "https://clock.example.com/");
        await PostAsync(http, api, [tick]);
        return tick;
    }
}
