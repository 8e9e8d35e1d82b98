using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;

namespace Analytics.FunctionalTests.Security;

/// <summary>With Access:Keys set, the query API, the hub and both dashboards need a key; ingestion, health and metrics do not.</summary>
public sealed class AccessKeyTests(KeyedGridFixture fixture) : IClassFixture<KeyedGridFixture>
{
    private static readonly string[] Protected =
    [
        "GET /api/sites",
        "GET /api/sites/shop.example.com/metrics/page_views",
        "GET /api/sites/shop.example.com/top-pages",
        "GET /api/sites/shop.example.com/notifications",
        "GET /api/sites/shop.example.com/breakdown/source",
        "GET /api/sites/shop.example.com/visitors",
        "GET /api/sites/shop.example.com/goals",
        "GET /api/sites/shop.example.com/funnels",
        "GET /api/dimensions",
        "GET /api/pipeline",
        "POST /hubs/metrics/negotiate?negotiateVersion=1",
        "GET /orleans/",
        "GET /openapi/v1.json",
        "GET /scalar/",
    ];

    public static TheoryData<string> ProtectedRoutes() => [.. Protected];

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task A_protected_route_without_a_key_is_a_401_problem_with_a_bearer_challenge(string route)
    {
        var response = await fixture.Api.Client().SendAsync(Request(route));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(401, (int)problem["status"]!);
        Assert.Equal("An access key is required", (string)problem["title"]!);
        Assert.Contains("Authorization: Bearer <key>", (string)problem["detail"]!);
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task A_protected_route_opens_with_the_key_as_a_bearer_token(string route)
    {
        var request = Request(route);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecuredApi.Key);

        var response = await fixture.Api.Client().SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{route}: {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("access_token")]
    [InlineData("key")]
    public async Task The_query_API_opens_with_the_key_in_the_query_string(string parameter)
    {
        var response = await fixture.Api.Client().GetAsync($"/api/sites?{parameter}={SecuredApi.Key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Any_configured_key_opens_and_a_wrong_one_is_an_invalid_token()
    {
        var client = fixture.Api.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "another-key-0123456789");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sites")).StatusCode);

        foreach (var wrong in new[] { "Bearer " + SecuredApi.Key + "x", "Bearer " + SecuredApi.Key[..^1], "Basic " + SecuredApi.Key, "Bearer" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/sites");
            request.Headers.TryAddWithoutValidation("Authorization", wrong);
            var response = await fixture.Api.Client().SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("The access key is not valid", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]!);
        }
        var wrongQuery = await fixture.Api.Client().GetAsync("/api/sites?access_token=nope");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongQuery.StatusCode);
    }

    [Fact]
    public async Task SignalR_negotiates_only_with_a_key_and_takes_it_as_access_token()
    {
        var client = fixture.Api.Client();

        var without = await client.PostAsync("/hubs/metrics/negotiate?negotiateVersion=1", null);
        var withToken = await client.PostAsync($"/hubs/metrics/negotiate?negotiateVersion=1&access_token={SecuredApi.Key}", null);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.NotNull(JsonNode.Parse(await withToken.Content.ReadAsStringAsync())!["connectionToken"]);
    }

    [Theory]
    [InlineData("GET", "/health/live")]
    [InlineData("GET", "/health/ready")]
    [InlineData("GET", "/metrics")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/tracker.js")]
    public async Task Health_metrics_and_the_dashboard_files_stay_open(string method, string path)
    {
        var response = await fixture.Api.Client().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ingestion_stays_open()
    {
        var response = await fixture.Api.Client().PostAsync(TestEvents.PageView($"open-{Guid.NewGuid():N}", "shop.example.com", "v1"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_dashboard_link_with_a_key_gives_a_page_cookie_and_drops_the_key_from_the_address()
    {
        var client = fixture.Api.Client();

        var link = await client.GetAsync($"/orleans/?key={SecuredApi.Key}&tab=silos");

        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Equal("/orleans/?tab=silos", link.Headers.Location!.OriginalString);
        var cookie = Assert.Single(link.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(SecuredApi.Key, cookie);
        var pair = cookie.Split(';')[0];

        // The page, its script and the document Scalar loads, with the cookie only...
        foreach (var path in new[] { "/orleans/", "/orleans/index.min.js", "/scalar/", "/openapi/v1.json" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", pair);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }
        // ...but the cookie is no key for the query API or the hub, which the web dashboard calls with a header.
        var api = new HttpRequestMessage(HttpMethod.Get, "/api/sites");
        api.Headers.Add("Cookie", pair);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(api)).StatusCode);
        // And a made-up cookie opens nothing.
        var forged = new HttpRequestMessage(HttpMethod.Get, "/orleans/");
        forged.Headers.Add("Cookie", "analytics-grid-access=" + new string('A', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_asks_for_the_key_on_every_protected_operation_and_on_no_open_one()
    {
        var request = Request("GET /openapi/v1.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecuredApi.Key);
        var document = JsonNode.Parse(await (await fixture.Api.Client().SendAsync(request)).Content.ReadAsStringAsync())!;

        var scheme = document["components"]!["securitySchemes"]!["accessKey"]!;
        Assert.Equal("http", (string)scheme["type"]!);
        Assert.Equal("bearer", (string)scheme["scheme"]!);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var asks = operation!["security"]?.AsArray().Any(r => r!.AsObject().ContainsKey("accessKey")) ?? false;
                Assert.True(asks == (path != "/api/events"), $"{method} {path}: asks for the key {asks}");
            }
        }
    }

    [Fact]
    public async Task Without_keys_the_OpenAPI_document_asks_for_none()
    {
        var document = JsonNode.Parse(await fixture.Grid.Http.GetStringAsync("/openapi/v1.json"))!;

        Assert.Null(document["components"]?["securitySchemes"]);
    }

    [Fact]
    public async Task Without_keys_everything_is_open()
    {
        var response = await fixture.Grid.Http.GetAsync("/api/pipeline");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Access:Keys:0", "short-key", "Access:Keys:0 must be at least 16 characters")]
    [InlineData("Access:Keys:0", "a key with spaces in it", "Access:Keys:0 must be printable ASCII")]
    [InlineData("Access:Keys", "one-key-as-a-single-value", "Access:Keys is a list: set Access:Keys:0")]
    [InlineData("Access:TrustedProxies:0", "proxy.example.com", "Access:TrustedProxies:0 must be an IP address or a network")]
    public void A_wrong_access_setting_stops_the_host_naming_the_setting_but_not_the_key(string setting, string value, string expected)
    {
        var error = Assert.ThrowsAny<Exception>(() => SecuredApi.Start(fixture.Grid, new Dictionary<string, string?> { [setting] = value }));

        var message = error.ToString();
        Assert.Contains(expected, message);
        Assert.DoesNotContain(value, message.Replace(expected, ""));
    }

    private static HttpRequestMessage Request(string route)
    {
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
        return new HttpRequestMessage(new HttpMethod(method), path);
    }
}
