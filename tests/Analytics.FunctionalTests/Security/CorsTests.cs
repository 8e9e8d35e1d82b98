using System.Net;
using System.Text;
using Analytics.FunctionalTests.Infrastructure;

namespace Analytics.FunctionalTests.Security;

/// <summary>Ingestion answers the pages of Ingestion:AllowedOrigins (any origin when empty), and no other route answers other sites.</summary>
public sealed class CorsTests(SecurityGridFixture fixture) : IClassFixture<SecurityGridFixture>, IAsyncLifetime
{
    private SecuredApi _limited = null!;
    private SecuredApi _open = null!;

    public Task InitializeAsync()
    {
        _limited = SecuredApi.Start(fixture.Grid, new Dictionary<string, string?>
        {
            ["Ingestion:AllowedOrigins:0"] = "https://shop.example.com",
            ["Ingestion:AllowedOrigins:1"] = "https://*.blog.example.org",
        });
        _open = SecuredApi.Start(fixture.Grid, new Dictionary<string, string?>());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _limited.DisposeAsync();
        await _open.DisposeAsync();
    }

    [Theory]
    [InlineData("https://shop.example.com")]
    [InlineData("https://news.blog.example.org")]
    public async Task A_preflight_from_an_allowed_origin_is_answered_for_json_posts(string origin)
    {
        var response = await _limited.Client().SendAsync(Preflight(origin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"));
        Assert.Contains("content-type", Header(response, "Access-Control-Allow-Headers")!, StringComparison.OrdinalIgnoreCase);
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Theory]
    [InlineData("https://evil.example.net")]
    [InlineData("http://shop.example.com")]
    [InlineData("https://shop.example.com.evil.net")]
    [InlineData("null")]
    public async Task A_preflight_from_another_origin_gets_no_CORS_headers(string origin)
    {
        var response = await _limited.Client().SendAsync(Preflight(origin));

        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_beacon_from_an_allowed_origin_is_accepted_with_the_CORS_header()
    {
        var response = await _limited.Client().SendAsync(Beacon("https://shop.example.com"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("https://shop.example.com", Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_beacon_from_another_origin_is_refused_with_a_403_although_browsers_would_send_it_anyway()
    {
        var response = await _limited.Client().SendAsync(Beacon("https://evil.example.net"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Events_without_an_origin_come_from_servers_and_are_accepted()
    {
        var response = await _limited.Client().SendAsync(Beacon(origin: null));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Without_allowed_origins_every_origin_may_send()
    {
        var preflight = await _open.Client().SendAsync(Preflight("https://any.example.net"));
        var beacon = await _open.Client().SendAsync(Beacon("https://any.example.net"));

        Assert.Equal("*", Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Accepted, beacon.StatusCode);
        Assert.Equal("*", Header(beacon, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_query_API_answers_no_other_site()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/sites");
        request.Headers.Add("Origin", "https://shop.example.com");

        var response = await _open.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/events");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    /// <summary>What the tracker's sendBeacon sends: text/plain JSON, with the page's origin.</summary>
    private static HttpRequestMessage Beacon(string? origin)
    {
        var body = TestEvents.PageView($"cors-{Guid.NewGuid():N}", "shop.example.com", "visitor-1").ToJsonString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
