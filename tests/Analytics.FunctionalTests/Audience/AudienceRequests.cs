using System.Text;
using System.Text.Json.Nodes;
using Analytics.Testing;

namespace Analytics.FunctionalTests.Audience;

/// <summary>Requests as browsers and servers send them, and what the grid's topic and metrics hold afterwards.</summary>
public static class AudienceRequests
{
    public const string BotEventsSeries = "analytics_pipeline_bot_events_total";

    /// <summary>Posts a body with a request <c>User-Agent</c> header (none when null), as a browser's beacon would.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, JsonNode body, string? userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (userAgent is not null) request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return await http.SendAsync(request);
    }

    /// <summary>The API's <c>analytics_pipeline_bot_events_total</c>, as Prometheus scrapes it.</summary>
    public static async Task<double> BotEventsCountedAsync(HttpClient http) =>
        PrometheusSamples.Parse(await http.GetStringAsync("/metrics")).Where(s => s.Series == BotEventsSeries).Sum(s => s.Value);
}
