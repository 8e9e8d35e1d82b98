using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Notifications;
using Analytics.Testing;

namespace Analytics.FunctionalTests.Notifications;

/// <summary>
/// Traffic notifications as a site owner meets them: rules registered through the API, events posted to the grid,
/// notices arriving at a webhook on loopback. Each wait is on something the test can see, with a deadline.
/// </summary>
public sealed class NotificationTests(NotificationGridFixture fixture) : IClassFixture<NotificationGridFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private GridHost Grid => fixture.Grid;

    [Fact]
    public async Task A_spike_of_visitors_is_noticed_once_with_a_body_signed_by_the_rules_secret()
    {
        const string site = "spike.example.com";
        using var receiver = WebhookReceiver.Start();
        var secret = await PutRuleAsync(site, "spike", new { url = receiver.Url + "spike", kind = "visitors_above", threshold = 3 });

        await PostVisitorsAsync(site, "a", 5);
        var notice = (await ArrivalsAsync(receiver, "spike", 1))[0];

        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), notice.Body));
        Assert.Equal(expected, notice.Signature);
        var body = JsonNode.Parse(notice.Body)!;
        Assert.Equal((site, "spike", "visitors_above", 5L, 3.0), ((string)body["site"]!, (string)body["rule"]!, (string)body["kind"]!, (long)body["value"]!, (double)body["threshold"]!));
        Assert.Equal(notice.Delivery, (string)body["delivery"]!);

        // A bigger spike, which only it can fire: once the witness is noticed, the grid has judged the spike rule on it too.
        await PutRuleAsync(site, "witness", new { url = receiver.Url + "witness", kind = "visitors_above", threshold = 8 });
        await PostVisitorsAsync(site, "b", 10);
        await ArrivalsAsync(receiver, "witness", 1);

        Assert.Single(receiver.To("spike"));
        var delivery = Assert.Single(await DeliveriesAsync(site, "spike", d => d.Length > 0));
        Assert.Equal((notice.Delivery, 1, 200, true), (delivery.Id, delivery.Attempts, delivery.Status, delivery.Succeeded));
    }

    [Fact]
    public async Task A_drop_below_a_factor_of_last_week_is_noticed_once()
    {
        // Judged on the notification grain itself: a week-old log cannot be posted to a shared grid, whose partitions
        // have newer events that make week-old ones late. The grain is fed as its site's reducer feeds it.
        const string site = "drop.example.com";
        using var receiver = WebhookReceiver.Start();
        var grain = Grid.Cluster.Client.GetGrain<INotificationGrain>(site);
        await PutRuleAsync(site, "drop", new { url = receiver.Url + "drop", kind = "pageviews_per_minute_below", factor = 0.5 });
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000;
        const long week = 7 * 24 * 3_600_000L;

        await grain.Observe(new TrafficUpdate([], [new(now - week, 100), new(now - week + 60_000, 100)]));
        await grain.Observe(new TrafficUpdate([], [new(now, 10)]));
        var body = JsonNode.Parse((await ArrivalsAsync(receiver, "drop", 1))[0].Body)!;
        Assert.Equal((10L, 50.0, 100L), ((long)body["value"]!, (double)body["threshold"]!, (long)body["lastWeek"]!));

        await PutRuleAsync(site, "witness", new { url = receiver.Url + "witness", kind = "pageviews_per_minute_below", factor = 0.5 });
        await grain.Observe(new TrafficUpdate([], [new(now + 60_000, 10)]));
        await ArrivalsAsync(receiver, "witness", 1);

        Assert.Single(receiver.To("drop"));
    }

    [Fact]
    public async Task A_failing_receiver_gets_retries_and_one_delivery_is_recorded_as_succeeded_after_three_tries()
    {
        const string site = "retry.example.com";
        using var receiver = WebhookReceiver.Start(n => n <= 2 ? 500 : 200);
        await PutRuleAsync(site, "spike", new { url = receiver.Url + "spike", kind = "visitors_above", threshold = 1 });

        await PostVisitorsAsync(site, "a", 3);

        var delivery = Assert.Single(await DeliveriesAsync(site, "spike", d => d.Length > 0));
        Assert.Equal((3, 200, true), (delivery.Attempts, delivery.Status, delivery.Succeeded));
        var tries = receiver.To("spike");
        Assert.Equal(3, tries.Count);
        Assert.All(tries, t => Assert.Equal((delivery.Id, tries[0].Signature), (t.Delivery, t.Signature)));
    }

    [Fact]
    public async Task A_dead_receiver_holds_neither_the_grid_nor_other_sites_notices()
    {
        const string dead = "dead.example.com", alive = "alive.example.com";
        using var silent = new SilentReceiver();
        using var receiver = WebhookReceiver.Start();
        await PutRuleAsync(dead, "silent", new { url = silent.Url, kind = "visitors_above", threshold = 1 });
        await PutRuleAsync(dead, "closed", new { url = $"http://127.0.0.1:{WebhookReceiver.FreePort()}/", kind = "visitors_above", threshold = 1 });
        await PutRuleAsync(alive, "spike", new { url = receiver.Url + "spike", kind = "visitors_above", threshold = 1 });

        await PostVisitorsAsync(dead, "a", 3);
        await Eventually.Get(async () =>
        {
            await TickAsync();
            return silent.Connections;
        }, n => n > 0, Deadline, "the silent receiver to hold a notice");

        // While that notice waits for an answer, and the other is retried against a closed port, the grid goes on.
        await PostVisitorsAsync(dead, "b", 4);
        await PostVisitorsAsync(alive, "a", 2);
        await ArrivalsAsync(receiver, "spike", 1);
        await Eventually.Get(async () => (await Grid.Http.SiteCountsAsync()).GetValueOrDefault(dead), n => n == 7, Deadline, "every event of the dead receiver's site counted");

        var closed = Assert.Single(await DeliveriesAsync(dead, "closed", d => d.Length > 0));
        Assert.Equal((5, (int?)null, "ConnectionError", false), (closed.Attempts, closed.Status, closed.Error, closed.Succeeded));
        Assert.Empty(await DeliveriesAsync(dead, "silent", _ => true));
    }

    [Fact]
    public async Task Rules_are_checked_listed_without_secrets_replaced_deleted_and_bounded()
    {
        const string site = "rules.example.com";
        using var bad = await Grid.Http.PutAsJsonAsync($"/api/sites/{site}/notifications/Not%20A%20Slug",
            new { url = "ftp://hooks.example.com", kind = "pageviews_per_minute_above", threshold = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["factor", "name", "threshold", "url"], errors.Select(e => e.Key).Order());

        var rule = new { url = "https://hooks.example.com/a", kind = "visitors_above", threshold = 100, secret = "0123456789abcdef" };
        using (var created = await Grid.Http.PutAsJsonAsync($"/api/sites/{site}/notifications/r0", rule)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var replaced = await Grid.Http.PutAsJsonAsync($"/api/sites/{site}/notifications/r0", rule with { threshold = 200 }))
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        for (var i = 1; i < 20; i++) await PutRuleAsync(site, $"r{i}", rule);
        using (var tooMany = await Grid.Http.PutAsJsonAsync($"/api/sites/{site}/notifications/r20", rule)) Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);

        var listed = (await Grid.Http.GetFromJsonAsync<JsonObject>($"/api/sites/{site}/notifications"))!["rules"]!.AsArray();
        Assert.Equal(20, listed.Count);
        Assert.Equal(200.0, (double)listed.Single(r => (string)r!["name"]! == "r0")!["threshold"]!);
        Assert.All(listed, r => Assert.Null(r!["secret"]));

        using (var deleted = await Grid.Http.DeleteAsync($"/api/sites/{site}/notifications/r0")) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using (var gone = await Grid.Http.GetAsync($"/api/sites/{site}/notifications/r0/deliveries")) Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    /// <summary>Creates a rule through the API and answers the secret its answer carries.</summary>
    private async Task<string> PutRuleAsync(string site, string name, object rule)
    {
        using var response = await Grid.Http.PutAsJsonAsync($"/api/sites/{site}/notifications/{name}", rule);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["secret"]!;
    }

    /// <summary>Page views of <paramref name="count"/> visitors at one instant: one 5 s window with that many active users.</summary>
    private async Task PostVisitorsAsync(string site, string batch, int count)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var events = new JsonArray([.. Enumerable.Range(0, count).Select(i => TestEvents.PageView($"{site}-{batch}-{i}", site, $"{batch}-{i}", ts: ts))]);
        using var response = await Grid.Http.PostAsync(events);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private Task<IReadOnlyList<Received>> ArrivalsAsync(WebhookReceiver receiver, string path, int count) =>
        Eventually.Get(async () =>
        {
            await TickAsync();
            return receiver.To(path);
        }, r => r.Count >= count, Deadline, $"{count} notice(s) at /{path}");

    private async Task<DeliveryRecord[]> DeliveriesAsync(string site, string rule, Func<DeliveryRecord[], bool> done) =>
        await Eventually.Get(async () =>
        {
            await TickAsync();
            return (await Grid.Http.GetFromJsonAsync<JsonObject>($"/api/sites/{site}/notifications/{rule}/deliveries"))!["deliveries"]!
                .Deserialize<DeliveryRecord[]>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        }, done, Deadline, $"deliveries of {rule}");

    /// <summary>
    /// An event of another site, now: windows become final only once newer events move the watermark past them, so a
    /// test waiting for a notice keeps time moving as live traffic would.
    /// </summary>
    private async Task TickAsync()
    {
        using var response = await Grid.Http.PostAsync(TestEvents.PageView(Guid.NewGuid().ToString("N"), "ticks.example.com", "clock"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
