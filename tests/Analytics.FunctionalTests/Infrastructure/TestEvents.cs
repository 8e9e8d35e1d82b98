using Analytics.Testing;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Analytics.FunctionalTests.Infrastructure;

/// <summary>Builds events as a website would send them.</summary>
public static class TestEvents
{
    public static JsonObject PageView(string id, string site, string visitor, string path = "/", long? ts = null) => new()
    {
        ["id"] = id,
        ["type"] = "page_view",
        ["site"] = site,
        ["visitor"] = visitor,
        ["url"] = $"https://{site}{path}",
        ["ts"] = ts ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
    };

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient http, JsonNode body) =>
        await http.PostAsync("/api/events", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    public static async Task<Dictionary<string, long>> SiteCountsAsync(this HttpClient http)
    {
        var answer = await http.GetFromJsonAsync<JsonObject>("/api/sites");
        return answer!["sites"]!.AsArray().ToDictionary(s => (string)s!["site"]!, s => (long)s!["events"]!);
    }
}
