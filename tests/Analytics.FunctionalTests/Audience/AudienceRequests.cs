using System.Text;
using System.Text.Json.Nodes;
using Analytics.Testing;

namespace Analytics.FunctionalTests.Audience;

/// <summary>Requests as browsers and servers send them, as the grid's topic holds them afterwards.</summary>
public static class AudienceRequests
{
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
}
