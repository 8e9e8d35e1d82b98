using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Analytics.FunctionalTests.Security;

/// <summary>What the hostile-input run found answered with a 500 or accepted, each kept here as the 400 it must be.</summary>
public sealed class HostileInputFindingsTests(KeyedGridFixture fixture) : IClassFixture<KeyedGridFixture>
{
    public static TheoryData<string, byte[], string, string> BadBodies() => new()
    {
        { "an empty body with Content-Length: 0", [], "$", "not valid JSON" },
        { "invalid UTF-8 inside a string", [.. "{\"id\":\"a"u8, 0xC3, 0x28, .. "\",\"type\":\"click\",\"site\":\"a.com\",\"visitor\":\"v\"}"u8], "$", "not valid UTF-8" },
        { "an escaped lone surrogate in a value", "{\"id\":\"a\",\"type\":\"click\",\"site\":\"a.com\",\"visitor\":\"\\ud800\"}"u8.ToArray(), "visitor", "valid Unicode text" },
        { "an escaped lone surrogate in ts", "{\"id\":\"a\",\"type\":\"click\",\"site\":\"a.com\",\"visitor\":\"v\",\"ts\":\"\\ud800\"}"u8.ToArray(), "$", "not valid Unicode text" },
        { "a second value after the event", "{\"id\":\"a\",\"type\":\"click\",\"site\":\"a.com\",\"visitor\":\"v\"}\"props\":{\"k\":1}"u8.ToArray(), "$", "not valid JSON" },
        { "an escaped lone surrogate in a props key", "{\"id\":\"a\",\"type\":\"click\",\"site\":\"a.com\",\"visitor\":\"v\",\"props\":{\"\\udc00\":1}}"u8.ToArray(), "$", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_text_in_an_event_is_a_400_naming_where(string description, byte[] body, string field, string expected)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await fixture.Api.Client().PostAsync("/api/events", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{description}: {(int)response.StatusCode}");
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains(errors[field]!.AsArray(), e => ((string)e!).Contains(expected));
    }

    [Theory]
    [InlineData("from=-9223372036854775808")]
    [InlineData("from=-1&to=1000")]
    [InlineData("to=253402300800000")]
    [InlineData("from=0001-01-01T00:00:00Z")]
    public async Task A_query_time_outside_1970_to_9999_is_a_400(string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sites/shop.example.com/top-pages?{query}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecuredApi.Key);

        var response = await fixture.Api.Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("between 1970 and 9999", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_plain_beacon_with_bad_text_is_a_400_too()
    {
        var response = await fixture.Api.Client().PostAsync("/api/events",
            new ByteArrayContent([0xFF, 0xFE]) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid UTF-8", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }
}
