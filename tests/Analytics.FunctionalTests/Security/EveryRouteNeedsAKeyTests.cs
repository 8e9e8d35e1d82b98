using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Analytics.FunctionalTests.Security;

/// <summary>
/// Every route the API host maps, read from its endpoint data source (so a route added later is covered without
/// anyone listing it here): with keys set, each answers 401 without a key and with a wrong one, except the routes the
/// README's Security section keeps open on purpose, and every query route takes the right key (no 401, 403 or 5xx with it).
/// </summary>
public sealed class EveryRouteNeedsAKeyTests(KeyedGridFixture fixture, ITestOutputHelper output) : IClassFixture<KeyedGridFixture>
{
    /// <summary>Open on purpose (README, Security): ingestion, health and metrics. Written here, not read from the API.</summary>
    private static readonly HashSet<string> Open = new(StringComparer.OrdinalIgnoreCase) { "/api/events", "/health/live", "/health/ready", "/metrics" };

    /// <summary>Values for route parameters that have to be valid for a query to be answered; any other parameter gets "x" (or "1" when it must be a number).</summary>
    private static readonly Dictionary<string, string> Samples = new(StringComparer.OrdinalIgnoreCase)
    {
        ["site"] = "shop.example.com", ["metric"] = "page_views", ["dimension"] = "page", ["name"] = "purchase",
    };

    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Every_route_but_the_open_ones_answers_401_without_a_key_and_with_a_wrong_one()
    {
        var routes = Routes();
        output.WriteLine(string.Join("\n", routes.Select(r => $"{r.Method} {r.Path}  ({r.Pattern})")));
        Assert.Contains(routes, r => r.Pattern == "/api/sites/{site}/metrics/{metric}");

        var failures = new List<string>();
        foreach (var (method, path, pattern) in routes.Where(r => !Open.Contains(r.Pattern)))
        {
            foreach (var (how, request) in new (string, HttpRequestMessage)[]
                     {
                         ("no key", new(method, path)),
                         ("a wrong key", WithAuthorization(new(method, path), "Bearer wrong-key-0123456789abcdef")),
                         ("a wrong access_token", new(method, path + (path.Contains('?') ? "&" : "?") + "access_token=wrong-key-0123456789abcdef")),
                         ("the cookie of no key", WithCookie(new(method, path))),
                     })
            {
                var status = await StatusAsync(request);
                if (status != HttpStatusCode.Unauthorized) failures.Add($"{method} {path} ({pattern}) with {how}: {(int)status}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} requests without the right key were not refused:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_query_route_takes_the_right_key()
    {
        var queries = Routes().Where(r => r.Pattern.StartsWith("/api/", StringComparison.Ordinal) && !Open.Contains(r.Pattern)).ToList();
        Assert.NotEmpty(queries);

        var failures = new List<string>();
        foreach (var (method, path, pattern) in queries)
        {
            // With the key, the answer is about the request (a rule that does not exist, a body that is missing), never a
            // refusal of the caller nor a failure of the host.
            var status = await StatusAsync(WithAuthorization(new(method, path), "Bearer " + SecuredApi.Key));
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)status >= 500)
                failures.Add($"{method} {path} ({pattern}): {(int)status}");
        }
        Assert.True(failures.Count == 0, "query routes that refuse the right key:\n" + string.Join("\n", failures));
    }

    /// <summary>Each route of the host and each method it takes, with its parameters filled in.</summary>
    private List<(HttpMethod Method, string Path, string Pattern)> Routes()
    {
        var endpoints = fixture.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return
        [
            .. endpoints.SelectMany(endpoint =>
                (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(m => m != "OPTIONS" && m != "HEAD")
                .Select(m => (new HttpMethod(m), Fill(endpoint.RoutePattern), "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/'))))
            .Distinct()
            .OrderBy(r => r.Item3, StringComparer.Ordinal).ThenBy(r => r.Item1.Method, StringComparer.Ordinal),
        ];
    }

    private static string Fill(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => Uri.EscapeDataString(Samples.GetValueOrDefault(parameter.Name,
                parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") ? "1" : "x")),
            _ => "",
        }))));

    private async Task<HttpStatusCode> StatusAsync(HttpRequestMessage request)
    {
        // Headers only: some of the Orleans dashboard's routes stream for as long as the client listens.
        using var timeout = new CancellationTokenSource(PerRequest);
        using var response = await fixture.Api.Client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return response.StatusCode;
    }

    private static HttpRequestMessage WithAuthorization(HttpRequestMessage request, string value)
    {
        request.Headers.TryAddWithoutValidation("Authorization", value);
        return request;
    }

    private static HttpRequestMessage WithCookie(HttpRequestMessage request)
    {
        request.Headers.Add("Cookie", "analytics-grid-access=" + new string('A', 43));
        return request;
    }
}
