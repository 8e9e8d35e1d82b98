using System.Net;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Testing;

namespace Analytics.FunctionalTests.Audience;

/// <summary>
/// The breakdown, visitors and dimensions routes as a client calls them (METRICS.md §5): wrong parameters are 400s naming
/// the parameter, filters and values are read as the contract encodes them, and compare=previous_period adds the range
/// just before. Numbers over a large log are checked against the reference in <see cref="BreakdownReferenceTests"/>.
/// </summary>
public sealed class BreakdownRouteTests(GridFixture fixture) : IClassFixture<GridFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private HttpClient Http => fixture.Grid.Http;

    public static TheoryData<string, string, string> WrongQueries() => new()
    {
        { "/api/sites/a.com/breakdown/colour", "dimension", "must be one of source" },
        { "/api/sites/a.com/breakdown/prop:", "dimension", "prop:<key>" },
        { "/api/sites/a.com/breakdown/source?filters=colour%3Dred", "filters", "'colour' is not a dimension" },
        { "/api/sites/a.com/breakdown/source?filters=source", "filters", "must be dim=value" },
        { "/api/sites/a.com/breakdown/source?filters=source%3D%25zz", "filters", "malformed percent escape" },
        { "/api/sites/a.com/breakdown/source?filters=source%3DGoogle%3Bsource%3DBing", "filters", "filtered twice" },
        { "/api/sites/a.com/visitors?filters=device%3D", "filters", "1 to 2048 characters" },
        { "/api/sites/a.com/breakdown/source?limit=0", "limit", "between 1 and 1000" },
        { "/api/sites/a.com/breakdown/source?compare=last_year", "compare", "must be previous_period" },
        { "/api/sites/a.com/visitors?from=yesterday", "from", "epoch milliseconds" },
        { "/api/sites/a.com/visitors?from=0&to=1000&compare=previous_period", "compare", "before 1970" },
        { "/api/sites/not a site/visitors", "site", "host name" },
    };

    [Theory]
    [MemberData(nameof(WrongQueries))]
    public async Task A_wrong_parameter_is_a_400_naming_it(string path, string parameter, string rule)
    {
        var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains(rule, string.Join(" | ", errors[parameter]!.AsArray().Select(e => (string)e!)));
    }

    [Fact]
    public async Task Values_with_semicolons_equals_and_percent_signs_filter_as_sent_and_the_previous_period_is_the_range_just_before()
    {
        var site = $"route-{Guid.NewGuid():N}.example.com";
        var start = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeMilliseconds();
        const string Odd = "a;b=c%d";
        var events = new JsonArray([
            Event("p1", site, "v1", start, "plain"),
            Event("p2", site, "v2", start + 1_000, Odd),
            Event("p3", site, "v3", start + 2_000, Odd),
            // A later event lets the watermark settle the sessions above, once every partition is idle.
            Event("later", $"other-{Guid.NewGuid():N}.example.com", "x", start + 600_000, "x")]);
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync(events)).StatusCode);

        var filter = Uri.EscapeDataString("prop:plan=" + Odd.Replace("%", "%25").Replace(";", "%3B").Replace("=", "%3D"));
        var range = $"from={start - 60_000}&to={start + 60_000}";
        var answer = await Eventually.Get(
            async () => JsonNode.Parse(await Http.GetStringAsync($"/api/sites/{site}/breakdown/prop:plan?{range}&compare=previous_period"))!,
            a => a["rows"]!.AsArray().Sum(r => (long)r!["visitors"]!) >= 3, Deadline, "the three visitors in the store");
        var filtered = JsonNode.Parse(await Http.GetStringAsync($"/api/sites/{site}/visitors?{range}&filters={filter}"))!;

        Assert.Equal([(Odd, 2L), ("plain", 1L)], answer["rows"]!.AsArray().Select(r => ((string)r!["value"]!, (long)r["visitors"]!)));
        Assert.Equal((start - 180_000, start - 60_000), ((long)answer["previous"]!["from"]!, (long)answer["previous"]!["to"]!));
        Assert.Empty(answer["previous"]!["rows"]!.AsArray());
        Assert.Equal(2, (long)filtered["visitors"]!);
        Assert.True((bool)filtered["exact"]!);
    }

    [Fact]
    public async Task The_dimensions_route_names_every_dimension_and_the_openapi_document_has_the_new_routes()
    {
        var dimensions = JsonNode.Parse(await Http.GetStringAsync("/api/dimensions"))!;
        var document = JsonNode.Parse(await Http.GetStringAsync("/openapi/v1.json"))!;

        Assert.Equal(["source", "utm_source", "utm_medium", "utm_campaign", "page", "entry_page", "exit_page", "browser", "os", "device", "country"],
            dimensions["dimensions"]!.AsArray().Select(d => (string)d!));
        Assert.Equal(["sources", "pages", "devices", "countries"], dimensions["panels"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.False((bool)dimensions["countries"]!);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/sites/{site}/breakdown/{dimension}", paths);
        Assert.Contains("/api/sites/{site}/visitors", paths);
    }

    private static JsonObject Event(string id, string site, string visitor, long time, string plan)
    {
        var e = TestEvents.PageView(id, site, visitor, "/");
        e["ts"] = time;
        e["props"] = new JsonObject { ["plan"] = plan };
        return e;
    }
}
