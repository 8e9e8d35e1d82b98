using Analytics.Testing;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;

namespace Analytics.FunctionalTests;

/// <summary>Every rule of the event contract (METRICS.md §1), as a client meets it over HTTP.</summary>
public sealed class IngestionValidationTests(GridFixture fixture) : IClassFixture<GridFixture>
{
    private HttpClient Http => fixture.Grid.Http;

    private static JsonObject Valid() => TestEvents.PageView("e-1", "shop.example.com", "visitor-1", "/products/1");

    private static JsonObject With(string field, JsonNode? value)
    {
        var e = Valid();
        e[field] = value;
        return e;
    }

    private static JsonObject Without(string field)
    {
        var e = Valid();
        e.Remove(field);
        return e;
    }

    private static long InSeconds(int seconds) => DateTimeOffset.UtcNow.AddSeconds(seconds).ToUnixTimeMilliseconds();

    public static TheoryData<string, JsonNode, string, string> BrokenRules() => new()
    {
        { "id missing", Without("id"), "id", "is required" },
        { "id empty", With("id", ""), "id", "1 to 64 characters" },
        { "id too long", With("id", new string('x', 65)), "id", "1 to 64 characters" },
        { "id not a string", With("id", 42), "id", "must be a string" },
        { "id with a control character", With("id", "a\u0007b"), "id", "control characters" },
        { "type missing", Without("type"), "type", "is required" },
        { "type unknown", With("type", "view"), "type", "page_view, click, conversion, custom" },
        { "site missing", Without("site"), "site", "is required" },
        { "site not a host name", With("site", "shop example.com"), "site", "host name" },
        { "site label starting with a dash", With("site", "-shop.example.com"), "site", "host name" },
        { "site label over 63 characters", With("site", new string('a', 64) + ".com"), "site", "host name" },
        { "site over 253 characters", With("site", string.Join('.', Enumerable.Repeat(new string('a', 50), 6))), "site", "1 to 253 characters" },
        { "visitor missing", Without("visitor"), "visitor", "is required" },
        { "visitor too long", With("visitor", new string('v', 129)), "visitor", "1 to 128 characters" },
        { "url missing on a page_view", Without("url"), "url", "required for a page_view" },
        { "url relative", With("url", "/products/1"), "url", "absolute http or https URL" },
        { "url of another scheme", With("url", "ftp://shop.example.com/a"), "url", "absolute http or https URL" },
        { "url too long", With("url", "https://shop.example.com/" + new string('p', 2048)), "url", "0 to 2048 characters" },
        { "referrer not a string", With("referrer", 7), "referrer", "must be a string" },
        { "ts not a time", With("ts", "yesterday"), "ts", "RFC 3339" },
        { "ts without a zone", With("ts", "2026-11-25T09:00:00"), "ts", "RFC 3339" },
        { "ts fractional milliseconds", With("ts", 1.5), "ts", "whole number" },
        { "ts negative", With("ts", -1), "ts", "between 0 and" },
        { "ts too far ahead (epoch)", With("ts", InSeconds(120)), "ts", "ahead of the server's clock" },
        { "ts too far ahead (RFC 3339)", With("ts", DateTimeOffset.UtcNow.AddMinutes(5).ToString("O")), "ts", "ahead of the server's clock" },
        { "value not a number", With("value", "12.5"), "value", "finite number" },
        { "value on a page_view", With("value", 12.5), "value", "only allowed on a conversion" },
        { "props not an object", With("props", new JsonArray(1, 2)), "props", "must be an object" },
        { "props over 32 entries", With("props", Props(33, _ => "x")), "props", "at most 32 entries" },
        { "props key over 64 characters", With("props", new JsonObject { [new string('k', 65)] = "x" }), "props", "1 to 64 characters" },
        { "props value over 256 characters", With("props", new JsonObject { ["plan"] = new string('x', 257) }), "props.plan", "0 to 256 characters" },
        { "props value a boolean", With("props", new JsonObject { ["plan"] = true }), "props.plan", "string or a finite number" },
        { "props value an object", With("props", new JsonObject { ["plan"] = new JsonObject { ["a"] = 1 } }), "props.plan", "string or a finite number" },
        { "userAgent over 512 characters", With("userAgent", "Mozilla/5.0 " + new string('u', 501)), "userAgent", "0 to 512 characters" },
        { "userAgent not a string", With("userAgent", 5), "userAgent", "must be a string" },
        { "userAgent with a control character", With("userAgent", "Mozilla/5.0\n(X11)"), "userAgent", "control characters" },
        { "name empty", With("name", ""), "name", "1 to 64 characters" },
        { "name over 64 characters", With("name", new string('n', 65)), "name", "1 to 64 characters" },
        { "name not a string", With("name", 7), "name", "must be a string" },
        { "unknown field", With("browser", "firefox"), "browser", "is not a field of an event" },
        { "empty batch", new JsonArray(), "$", "at least one event" },
        { "batch over 1,000 events", new JsonArray([.. Enumerable.Range(0, 1001).Select(i => (JsonNode)TestEvents.PageView($"b{i}", "a.com", "v"))]), "$", "at most 1000 events" },
        { "batch element not an object", new JsonArray(1), "[0]", "must be an event object" },
        { "body neither object nor array", JsonValue.Create("hello"), "$", "an event object or an array" },
    };

    private static JsonObject Props(int count, Func<int, JsonNode> value) =>
        new(Enumerable.Range(0, count).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)value(i))));

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task A_broken_rule_is_a_400_naming_the_field_and_the_rule(string rule, JsonNode body, string field, string expected)
    {
        var response = await Http.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ReadJson(response))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"{rule}: no error for '{field}' in {errors.ToJsonString()}");
        Assert.Contains(errors[field]!.AsArray(), e => ((string)e!).Contains(expected));
    }

    [Fact]
    public async Task Every_broken_rule_of_an_event_is_named_at_once()
    {
        var e = Valid();
        e["id"] = "";
        e["type"] = "nope";
        e["site"] = "bad site";
        e["ts"] = "soon";

        var errors = (await ReadJson(await Http.PostAsync(e)))["errors"]!.AsObject();

        Assert.Equal(["id", "site", "ts", "type"], errors.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task A_batch_with_one_bad_event_is_rejected_whole_and_names_its_index()
    {
        var batch = new JsonArray(Valid(), With("site", "not a host"), Valid());

        var response = await Http.PostAsync(batch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadJson(response);
        Assert.Equal(["[1].site"], body["errors"]!.AsObject().Select(p => p.Key));
        Assert.Contains("none was accepted", (string)body["title"]!);
    }

    [Theory]
    [InlineData("[{\"id\":\"a\",")]
    [InlineData("{\"id\":\"a\",\"id\":\"b\",\"type\":\"click\",\"site\":\"a.com\",\"visitor\":\"v\"}")]
    [InlineData("{\"id\":\"a\",\"type\":\"click\",\"site\":\"a.com\",\"visitor\":\"v\",\"props\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}}")]
    public async Task Malformed_json_duplicate_fields_and_deep_nesting_are_400s(string body)
    {
        var response = await Http.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await ReadJson(response))["errors"]);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        var body = new string(' ', 1024 * 1024) + "{}";

        var response = await Http.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("at most 1048576 bytes", (string)(await ReadJson(response))["detail"]!);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415()
    {
        var response = await Http.PostAsync("/api/events", new StringContent("<event/>", Encoding.UTF8, "application/xml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    public static TheoryData<string, JsonNode> ValidEvents() => new()
    {
        { "RFC 3339 time with offset", With("ts", "2026-01-02T03:04:05.678+01:00") },
        { "RFC 3339 time in UTC", With("ts", "2026-01-02T03:04:05Z") },
        { "epoch milliseconds", With("ts", 1_767_000_000_000) },
        { "no time (server time)", Without("ts") },
        { "slightly ahead of the server clock", With("ts", InSeconds(30)) },
        { "click without a url", new JsonObject { ["id"] = "c1", ["type"] = "click", ["site"] = "a.com", ["visitor"] = "v" } },
        { "conversion with revenue and props", new JsonObject
            {
                ["id"] = "c2", ["type"] = "conversion", ["site"] = "a.com", ["visitor"] = "v", ["value"] = 49.9,
                ["props"] = new JsonObject { ["plan"] = "pro", ["seats"] = 3 },
            }
        },
        { "custom event with a referrer", With("referrer", "https://search.example.org/?q=x") },
        { "upper-case site", With("site", "Shop.Example.COM") },
        { "a forwarded userAgent of 512 characters", With("userAgent", "Mozilla/5.0 " + new string('u', 500)) },
        { "a custom event's name of 64 characters", With("name", new string('n', 64)) },
        { "null optional fields", new JsonObject { ["id"] = "n1", ["type"] = "click", ["site"] = "a.com", ["visitor"] = "v", ["referrer"] = null, ["props"] = null } },
        { "a batch of 1,000", new JsonArray([.. Enumerable.Range(0, 1000).Select(i => (JsonNode)TestEvents.PageView($"k{i}", "a.com", $"v{i}"))]) },
    };

    [Theory]
    [MemberData(nameof(ValidEvents))]
    public async Task Valid_events_are_accepted_once_durable(string description, JsonNode body)
    {
        var response = await Http.PostAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{description}: {await response.Content.ReadAsStringAsync()}");
        var expected = body is JsonArray array ? array.Count : 1;
        Assert.Equal(expected, (int)(await ReadJson(response))["accepted"]!);
    }

    [Fact]
    public async Task Beacons_sent_as_text_plain_are_accepted()
    {
        var response = await Http.PostAsync("/api/events", new StringContent(Valid().ToJsonString(), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<JsonObject> ReadJson(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
