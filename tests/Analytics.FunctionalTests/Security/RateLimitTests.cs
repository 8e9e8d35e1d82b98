using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;

namespace Analytics.FunctionalTests.Security;

/// <summary>Ingestion limits each client (by address) to Ingestion:RateLimit requests a second, with a burst of Ingestion:RateLimitBurst.</summary>
public sealed class RateLimitTests(SecurityGridFixture fixture) : IClassFixture<SecurityGridFixture>
{
    private const int Burst = 3;

    // One request a second after a burst of three: a test sends its requests well within a second, so at most one
    // refill can fall among them.
    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["Ingestion:RateLimit"] = "1",
        ["Ingestion:RateLimitBurst"] = Burst.ToString(),
    };

    [Fact]
    public async Task A_client_over_its_burst_gets_429_with_Retry_After_and_a_problem_and_is_logged()
    {
        await using var api = await StartAsync(Limits);

        var answers = await SendAsync(api, "192.0.2.10", Burst + 3);

        Assert.All(answers.Take(Burst), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var refused = answers.Skip(Burst).Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(refused.Count >= 2, $"expected at least 2 of {answers.Count - Burst} requests over the burst refused");
        var first = refused[0];
        Assert.InRange(int.Parse(first.Headers.GetValues("Retry-After").Single()), 1, 2);
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal(429, (int)problem["status"]!);
        Assert.Contains(api.Logs.Lines, line => line.Contains("Ingestion rate limit: refused 1 requests") && line.Contains("192.0.2.10"));
    }

    [Fact]
    public async Task Another_client_is_not_affected()
    {
        await using var api = await StartAsync(Limits);
        await SendAsync(api, "192.0.2.20", Burst + 2);

        var other = await SendAsync(api, "192.0.2.21", Burst);

        Assert.All(other, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
    }

    [Fact]
    public async Task Clients_on_this_machine_are_not_limited()
    {
        await using var api = await StartAsync(Limits);

        var answers = await SendAsync(api, "127.0.0.1", Burst * 4);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_clients_are_told_apart_by_X_Forwarded_For_and_nobody_else_may_set_it()
    {
        var settings = new Dictionary<string, string?>(Limits) { ["Access:TrustedProxies:0"] = "192.0.2.0/28" };
        await using var api = await StartAsync(settings);

        var first = await SendAsync(api, "192.0.2.1", Burst + 2, forwardedFor: "198.51.100.7");
        var second = await SendAsync(api, "192.0.2.1", Burst, forwardedFor: "198.51.100.8");
        // An untrusted sender cannot escape its limit by naming others.
        var spoofed = await Task.WhenAll(Enumerable.Range(0, Burst + 2).Select(i => SendAsync(api, "203.0.113.9", 1, forwardedFor: $"198.51.100.{100 + i}")));

        Assert.Contains(first, a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.All(second, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Contains(spoofed.SelectMany(a => a), a => a.StatusCode == HttpStatusCode.TooManyRequests);
    }

    /// <summary>
    /// Starts an API and makes its first (slow) Kafka delivery from this machine, which no limit counts: then a test's
    /// requests take milliseconds each, and at most one refill of the bucket falls among them.
    /// </summary>
    private async Task<SecuredApi> StartAsync(Dictionary<string, string?> settings)
    {
        var api = SecuredApi.Start(fixture.Grid, settings);
        Assert.All(await SendAsync(api, "127.0.0.1", 1), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        return api;
    }

    private static async Task<List<HttpResponseMessage>> SendAsync(SecuredApi api, string from, int count, string? forwardedFor = null)
    {
        var client = api.Client();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            var body = TestEvents.PageView($"rl-{Guid.NewGuid():N}", "shop.example.com", "visitor-1").ToJsonString();
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
            answers.Add(await client.SendAsync(RemoteAddress.From(from, request)));
        }
        return answers;
    }
}
