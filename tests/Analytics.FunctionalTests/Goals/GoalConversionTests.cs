using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Testing;

namespace Analytics.FunctionalTests.Goals;

/// <summary>
/// One small log from events posted to the API to the goal and funnel answers, to see the routes' arithmetic on the
/// store's counts end to end. The counts themselves are held to the reference by the event store's goal contract.
/// </summary>
public sealed class GoalConversionTests(GridFixture fixture) : IClassFixture<GridFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly string Third = (1.0 / 3).ToString(CultureInfo.InvariantCulture);

    private HttpClient Http => fixture.Grid.Http;

    [Fact]
    public async Task Goals_defined_after_the_events_answer_for_them_with_rates_revenue_and_funnel_ratios()
    {
        var site = GoalRequests.NewSite();
        var t = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeMilliseconds();
        var events = new JsonArray(
            Page("a1", site, "v1", "/pricing", t), Custom("a2", site, "v1", "pro", t + 1_000), Purchase("a3", site, "v1", 30, t + 2_000),
            Page("b1", site, "v2", "/pricing/team", t), Custom("b2", site, "v2", "free", t + 1_000),
            Page("c1", site, "v3", "/about", t),
            Purchase("d1", site, "v4", 10, t), Page("d2", site, "v4", "/pricing", t + 1_000),
            // A later event lets the watermark settle the sessions above, once every partition is idle.
            Page("later", GoalRequests.NewSite(), "x", "/", t + 600_000));
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync(events)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Http.PutAsync($"/api/sites/{site}/goals/pricing", """{"page":"/pricing*"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Http.PutAsync($"/api/sites/{site}/goals/signup", """{"event":"signup","props":{"plan":"pro"}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Http.PutAsync($"/api/sites/{site}/funnels/checkout", """{"steps":["pricing","signup","purchase"]}""")).StatusCode);

        var range = $"from={t - 60_000}&to={t + 60_000}&compare=previous_period";
        var answers = await Eventually.Get(
            async () => new
            {
                Pricing = JsonNode.Parse(await Http.GetStringAsync($"/api/sites/{site}/goals/pricing/conversions?{range}"))!,
                Signup = JsonNode.Parse(await Http.GetStringAsync($"/api/sites/{site}/goals/signup/conversions?{range}"))!,
                Purchase = JsonNode.Parse(await Http.GetStringAsync($"/api/sites/{site}/goals/purchase/conversions?{range}"))!,
                Funnel = JsonNode.Parse(await Http.GetStringAsync($"/api/sites/{site}/funnels/checkout/steps?{range}"))!,
            },
            // Every visitor's events, in every answer: shards hand their sessions to the store each in its own time.
            a => (long)a.Pricing["visitors"]! == 3 && (double)a.Pricing["conversionRate"]! == 0.75 && (long)a.Signup["visitors"]! == 1
                && (long)a.Purchase["conversions"]! == 2 && (double)a.Purchase["conversionRate"]! == 0.5 && (double)a.Signup["conversionRate"]! == 0.25
                && (long)a.Funnel["steps"]![0]!["visitors"]! == 3 && (long)a.Funnel["steps"]![2]!["visitors"]! == 1,
            Deadline, "the four visitors' events in the store");

        Assert.Equal((site, "pricing", t - 60_000, t + 60_000), ((string)answers.Pricing["site"]!, (string)answers.Pricing["goal"]!,
            (long)answers.Pricing["from"]!, (long)answers.Pricing["to"]!));
        Assert.Equal((3L, 3L, 0.75, 0.0, 0.0), Totals(answers.Pricing));
        Assert.Equal((1L, 1L, 0.25, 0.0, 0.0), Totals(answers.Signup));
        Assert.Equal((2L, 2L, 0.5, 40.0, 20.0), Totals(answers.Purchase));
        Assert.Equal((t - 180_000, t - 60_000), ((long)answers.Purchase["previous"]!["from"]!, (long)answers.Purchase["previous"]!["to"]!));
        Assert.Equal((0L, 0L, 0.0, 0.0, 0.0), Totals(answers.Purchase["previous"]!));
        // v4 bought before seeing pricing: it reached the first step only.
        Assert.Equal(
            """[{"goal":"pricing","visitors":3,"fromPrevious":1,"fromFirst":1,"dropOff":0},""" +
            $$"""{"goal":"signup","visitors":1,"fromPrevious":{{Third}},"fromFirst":{{Third}},"dropOff":2},""" +
            $$"""{"goal":"purchase","visitors":1,"fromPrevious":1,"fromFirst":{{Third}},"dropOff":0}]""",
            answers.Funnel["steps"]!.ToJsonString());
        Assert.Equal(3, answers.Funnel["previous"]!["steps"]!.AsArray().Count);
        Assert.All(answers.Funnel["previous"]!["steps"]!.AsArray(), s => Assert.Equal(0, (long)s!["visitors"]!));
    }

    private static (long, long, double, double, double) Totals(JsonNode a) =>
        ((long)a["visitors"]!, (long)a["conversions"]!, (double)a["conversionRate"]!, (double)a["revenue"]!, (double)a["averageRevenue"]!);

    private static JsonObject Page(string id, string site, string visitor, string path, long ts) => TestEvents.PageView(id, site, visitor, path, ts);

    private static JsonObject Custom(string id, string site, string visitor, string plan, long ts) => new()
    {
        ["id"] = id, ["type"] = "custom", ["site"] = site, ["visitor"] = visitor, ["ts"] = ts, ["name"] = "signup",
        ["props"] = new JsonObject { ["plan"] = plan },
    };

    private static JsonObject Purchase(string id, string site, string visitor, double value, long ts) => new()
    {
        ["id"] = id, ["type"] = "conversion", ["site"] = site, ["visitor"] = visitor, ["ts"] = ts, ["value"] = value,
    };
}
