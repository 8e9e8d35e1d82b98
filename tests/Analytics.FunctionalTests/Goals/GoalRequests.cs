using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Analytics.FunctionalTests.Goals;

/// <summary>Goal and funnel requests as a client sends them: raw JSON bodies, so malformed ones can be sent too.</summary>
internal static class GoalRequests
{
    public static Task<HttpResponseMessage> PutAsync(this HttpClient http, string path, string json) =>
        http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutAsync(this HttpClient http, string path, object body) =>
        http.PutAsync(path, JsonContent.Create(body));

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    /// <summary>A site of its own per test, so tests on one grid never see each other's definitions.</summary>
    public static string NewSite() => $"goals-{Guid.NewGuid():N}.example.com";
}
