using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.FunctionalTests.Security;
using Analytics.Grains.Interfaces.Visitors;
using Analytics.Testing;
using static Analytics.Testing.UserAgents;

namespace Analytics.FunctionalTests.Audience;

/// <summary>
/// Cookieless visitors (METRICS.md §3b), as a site owner and anyone holding the topic see them: with the setting on, an
/// event without <c>visitor</c> gets one per site, client address and user agent, <c>active_users</c> counts those, and
/// the address is nowhere on the topic nor in the API's log; every API host derives the same visitor from the grid's
/// salt, also after a restart; with it off, such an event is a 400 naming <c>visitor</c>; without the grid's salt, a
/// 503 with <c>Retry-After</c>.
/// </summary>
public sealed class CookielessVisitorTests(CookielessGridFixture fixture) : IClassFixture<CookielessGridFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // Documentation ranges (RFC 5737, RFC 3849): no test machine has them.
    private const string First = "203.0.113.7";
    private const string Second = "198.51.100.23";
    private const string V6Network = "2001:db8:7:1";

    private static string NewSite(string name) => $"{name}-{Guid.NewGuid():N}.example.com";

    private static JsonObject Event(string id, string site, long ts, string? visitor = null)
    {
        var e = TestEvents.PageView(id, site, visitor ?? "unused", ts: ts);
        if (visitor is null) e.Remove("visitor");
        return e;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, JsonNode body, string address, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return await http.SendAsync(RemoteAddress.From(address, request));
    }

    private static async Task AssertAcceptedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {body}");
    }

    [Fact]
    public async Task With_cookieless_visitors_on_one_browser_on_one_address_is_one_visitor_and_the_address_goes_nowhere()
    {
        var http = fixture.Cookieless.Client();
        var (one, two) = (NewSite("one"), NewSite("two"));
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 5000 * 5000 + 1;

        // One browser on one address: three events in two requests.
        await AssertAcceptedAsync(await PostAsync(http, new JsonArray(Event("a-1", one, ts), Event("a-2", one, ts)), First, DesktopChrome));
        await AssertAcceptedAsync(await PostAsync(http, Event("a-3", one, ts), First, DesktopChrome));
        // Two addresses; another browser on the first; two addresses of one IPv6 /64 (one subscriber); an event with its own visitor.
        await AssertAcceptedAsync(await PostAsync(http, Event("first", two, ts), First, DesktopChrome));
        await AssertAcceptedAsync(await PostAsync(http, Event("second", two, ts), Second, DesktopChrome));
        await AssertAcceptedAsync(await PostAsync(http, Event("iphone", two, ts), First, IPhoneSafari));
        await AssertAcceptedAsync(await PostAsync(http, Event("v6-a", two, ts), $"{V6Network}::a", DesktopChrome));
        await AssertAcceptedAsync(await PostAsync(http, Event("v6-b", two, ts), $"{V6Network}:0:0:0:b", DesktopChrome));
        await AssertAcceptedAsync(await PostAsync(http, Event("own", two, ts, visitor: "own-visitor"), First, DesktopChrome));

        await Eventually.Get(fixture.Grid.EverythingSavedAsync, saved => saved, Deadline, "every record of the topic read and saved");
        var (activeOne, activeTwo) = (await ActiveUsersAsync(http, one, ts), await ActiveUsersAsync(http, two, ts));
        Assert.Equal([1.0], activeOne);
        Assert.Equal([5.0], activeTwo);

        var records = TopicLog.ReadRecords(fixture.Grid.Topic, GridHost.Partitions);
        // No address in any record's key or value, nor in any line the API logged.
        foreach (var address in new[] { First, Second, V6Network, "2001:db8:7:1::" })
        {
            var leaked = records.Count(r => Encoding.UTF8.GetString(r.Key).Contains(address) || Encoding.UTF8.GetString(r.Value).Contains(address));
            Assert.True(leaked == 0, $"{address} is in {leaked} records of the topic");
            var logged = fixture.Cookieless.Logs.Lines.Where(line => line.Contains(address)).ToList();
            Assert.True(logged.Count == 0, $"{address} is in {logged.Count} log lines, the first: {logged.FirstOrDefault()}");
        }

        var onTopic = TopicLog.ReadAll(fixture.Grid.Topic, GridHost.Partitions).Where(e => e.Site == one || e.Site == two).ToDictionary(e => e.Id, e => e.Visitor);
        Assert.Equal(9, onTopic.Count);
        Assert.Single(new[] { "a-1", "a-2", "a-3" }.Select(id => onTopic[id]).Distinct());
        Assert.Equal("own-visitor", onTopic["own"]);
        Assert.Equal(onTopic["v6-a"], onTopic["v6-b"]);
        var derived = new[] { "a-1", "first", "second", "iphone", "v6-a" }.Select(id => onTopic[id]).ToList();
        Assert.Equal(derived.Count, derived.Distinct().Count());
        Assert.All(derived, visitor => Assert.Matches($"^{CookielessVisitor.Prefix}[A-Za-z0-9_-]{{22}}$", visitor));
    }

    private static async Task<double[]> ActiveUsersAsync(HttpClient http, string site, long ts)
    {
        var answer = await http.GetFromJsonAsync<JsonObject>($"/api/sites/{site}/metrics/active_users?from={ts - 60_000}&to={ts + 60_000}");
        return [.. answer!["windows"]!.AsArray().Select(w => (double)w!["value"]!)];
    }

    [Fact]
    public async Task With_cookieless_visitors_off_an_event_without_a_visitor_is_a_400_naming_it()
    {
        var site = NewSite("off");

        var response = await PostAsync(fixture.Grid.Http, Event("no-visitor", site, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), First, DesktopChrome);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["visitor"], errors.Select(e => e.Key));
        Assert.Equal("is required", (string)errors["visitor"]![0]!);
    }

    [Fact]
    public async Task Every_api_host_derives_the_same_visitor_from_the_grids_salt_also_after_every_silo_restarted_on_postgresql()
    {
        var database = await TestPostgres.CreateDatabaseAsync("salts");
        try
        {
            await TestPostgres.ApplyScriptsAsync(database);
            await using var grid = await GridHost.StartAsync(silos: 1, settings: new Dictionary<string, string?>
            {
                ["Cluster:Storage"] = "AdoNet",
                ["Cluster:ConnectionString"] = database,
            });
            var site = NewSite("hosts");
            var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await using (var first = SecuredApi.Start(grid, CookielessGridFixture.On))
            await using (var second = SecuredApi.Start(grid, CookielessGridFixture.On))
            {
                await AssertAcceptedAsync(await PostAsync(first.Client(), Event("first-host", site, ts), First, DesktopChrome));
                await AssertAcceptedAsync(await PostAsync(second.Client(), Event("second-host", site, ts), First, DesktopChrome));
            }
            await grid.KillAllSilosAndRestartAsync();
            await using (var third = SecuredApi.Start(grid, CookielessGridFixture.On))
                await AssertAcceptedAsync(await PostAsync(third.Client(), Event("after-restart", site, ts), First, DesktopChrome));

            var visitors = TopicLog.ReadAll(grid.Topic, GridHost.Partitions).Where(e => e.Site == site).ToDictionary(e => e.Id, e => e.Visitor);
            Assert.Equal(3, visitors.Count);
            Assert.Single(visitors.Values.Distinct());
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Without_the_grids_salt_an_event_without_a_visitor_is_a_503_with_retry_after_and_one_with_a_visitor_is_accepted()
    {
        await using var grid = await GridHost.StartAsync(silos: 1);
        await using var api = SecuredApi.Start(grid, CookielessGridFixture.On);
        var http = api.Client();
        await grid.KillAllSilosAsync();
        var site = NewSite("no-salt");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var refused = await PostAsync(http, Event("no-visitor", site, ts), First, DesktopChrome);
        var accepted = await PostAsync(http, Event("own-visitor", site, ts, visitor: "own"), First, DesktopChrome);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        await AssertAcceptedAsync(accepted);
        Assert.Equal(["own-visitor"], TopicLog.ReadAll(grid.Topic, GridHost.Partitions).Select(e => e.Id));
    }
}
