using System.Net;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Goals;

namespace Analytics.FunctionalTests.Goals;

/// <summary>
/// The goal and funnel definition routes as a client (the dashboard) calls them: each wrong field a 400 naming it,
/// 201 then 200, the bounds and the built-in goal as 409s, a goal in use kept, and the answers' exact shape.
/// </summary>
public sealed class GoalRouteTests(GridFixture fixture) : IClassFixture<GridFixture>
{
    private HttpClient Http => fixture.Grid.Http;

    public static TheoryData<string, string, string, string> WrongRequests() => new()
    {
        { "/goals/Bad%20Name", """{"page":"/a"}""", "name", "lower-case letters" },
        { "/goals/a", """{"page":"pricing"}""", "page", "start with '/'" },
        { "/goals/a", """{"page":"/a b"}""", "page", "no spaces" },
        { "/goals/a", """{"event":""}""", "event", "1 to 64" },
        { "/goals/a", """{"page":"/a","props":{"plan":"pro"}}""", "props", "only an event goal" },
        { "/goals/a", """{"event":"e","props":{"a":1,"b":1,"c":1,"d":1,"e":1,"f":1,"g":1,"h":1,"i":1}}""", "props", "1 to 8" },
        { "/goals/a", """{"event":"e","props":{"plan":true}}""", "props.plan", "finite number" },
        { "/goals/a", """{"page":"/a","event":"e"}""", "body", "exactly one of page" },
        { "/goals/a", """{"page":"/a","colour":"red"}""", "body", "colour" },
        { "/goals/a", """{"page":""", "body", "JSON object" },
        { "/goals/a", "", "body", "JSON object" },
        { "/funnels/a", """{"steps":["x"]}""", "steps", "2 to 8" },
        { "/funnels/a", """{"steps":["x","x"]}""", "steps", "repeats" },
        { "/funnels/a", """{"steps":["x","Y"]}""", "steps[1]", "goal's name" },
        { "/funnels/Bad", """{"steps":["x","y"]}""", "name", "lower-case letters" },
    };

    [Theory]
    [MemberData(nameof(WrongRequests))]
    public async Task A_wrong_field_is_a_400_naming_it(string path, string body, string field, string rule)
    {
        var response = await Http.PutAsync($"/api/sites/{GoalRequests.NewSite()}{path}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Contains(rule, string.Join(" | ", errors[field]!.AsArray().Select(e => (string)e!)));
    }

    [Theory]
    [InlineData("GET", "/api/sites/*/goals")]
    [InlineData("PUT", "/api/sites/*/goals/a")]
    [InlineData("DELETE", "/api/sites/*/goals/a")]
    [InlineData("GET", "/api/sites/*/goals/a/conversions")]
    [InlineData("GET", "/api/sites/*/funnels")]
    [InlineData("PUT", "/api/sites/*/funnels/a")]
    [InlineData("GET", "/api/sites/*/funnels/a/steps")]
    [InlineData("GET", "/api/sites/not%20a%20site/goals")]
    public async Task Goals_belong_to_one_site_so_all_sites_is_a_400_naming_site(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT") request.Content = new StringContent("""{"page":"/a"}""", System.Text.Encoding.UTF8, "application/json");

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("one site", (string)(await response.JsonAsync())["errors"]!["site"]![0]!);
    }

    [Fact]
    public async Task A_put_creates_with_201_and_a_location_then_replaces_with_200_and_the_list_has_the_exact_shape()
    {
        var site = GoalRequests.NewSite();

        var created = await Http.PutAsync($"/api/sites/{site}/goals/signup", """{"event":"signup","props":{"plan":"pro","seats":2.50}}""");
        var replaced = await Http.PutAsync($"/api/sites/{site}/goals/signup", """{"event":"signup","props":{"plan":"pro"}}""");
        var pricing = await Http.PutAsync($"/api/sites/{site.ToUpperInvariant()}/goals/pricing", """{"page":"/pricing*"}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/sites/{site}/goals/signup", created.Headers.Location?.OriginalString);
        Assert.Equal("""{"name":"signup","event":"signup","props":{"plan":"pro","seats":"2.5"}}""", (await created.JsonAsync()).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("""{"name":"signup","event":"signup","props":{"plan":"pro"}}""", (await replaced.JsonAsync()).ToJsonString());
        Assert.Equal(HttpStatusCode.Created, pricing.StatusCode);
        Assert.Equal(
            $$$"""{"site":"{{{site}}}","goals":[{"name":"purchase","builtIn":true},{"name":"pricing","page":"/pricing*"},{"name":"signup","event":"signup","props":{"plan":"pro"}}]}""",
            await Http.GetStringAsync($"/api/sites/{site}/goals"));
    }

    [Fact]
    public async Task A_funnel_is_created_replaced_listed_and_deleted_and_a_step_naming_no_goal_is_a_400_naming_the_step()
    {
        var site = GoalRequests.NewSite();
        await Http.PutAsync($"/api/sites/{site}/goals/pricing", """{"page":"/pricing*"}""");
        await Http.PutAsync($"/api/sites/{site}/goals/signup", """{"event":"signup"}""");

        var unknown = await Http.PutAsync($"/api/sites/{site}/funnels/checkout", """{"steps":["pricing","purchase","nothing"]}""");
        var created = await Http.PutAsync($"/api/sites/{site}/funnels/checkout", """{"steps":["pricing","purchase"]}""");
        var replaced = await Http.PutAsync($"/api/sites/{site}/funnels/checkout", """{"steps":["pricing","signup","purchase"]}""");
        var list = await Http.GetStringAsync($"/api/sites/{site}/funnels");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["steps[2]"], (await unknown.JsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/sites/{site}/funnels/checkout", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("""{"name":"checkout","steps":["pricing","signup","purchase"]}""", (await replaced.JsonAsync()).ToJsonString());
        Assert.Equal($$"""{"site":"{{site}}","funnels":[{"name":"checkout","steps":["pricing","signup","purchase"]}]}""", list);
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/sites/{site}/funnels/checkout")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync($"/api/sites/{site}/funnels/checkout")).StatusCode);
        Assert.Equal($$"""{"site":"{{site}}","funnels":[]}""", await Http.GetStringAsync($"/api/sites/{site}/funnels"));
    }

    [Fact]
    public async Task The_hundred_and_first_goal_and_the_twenty_first_funnel_are_409s_but_replacing_at_the_bound_is_not()
    {
        var site = GoalRequests.NewSite();
        for (var i = 0; i < GoalRules.MaxGoals; i++)
            Assert.Equal(HttpStatusCode.Created, (await Http.PutAsync($"/api/sites/{site}/goals/g{i}", $$"""{"page":"/{{i}}"}""")).StatusCode);
        for (var i = 0; i < GoalRules.MaxFunnels; i++)
            Assert.Equal(HttpStatusCode.Created, (await Http.PutAsync($"/api/sites/{site}/funnels/f{i}", $$"""{"steps":["g{{i}}","purchase"]}""")).StatusCode);

        var goal = await Http.PutAsync($"/api/sites/{site}/goals/one-more", """{"page":"/more"}""");
        var funnel = await Http.PutAsync($"/api/sites/{site}/funnels/one-more", """{"steps":["g0","g1"]}""");

        Assert.Equal(HttpStatusCode.Conflict, goal.StatusCode);
        Assert.Contains("100 goals", (string)(await goal.JsonAsync())["detail"]!);
        Assert.Equal(HttpStatusCode.Conflict, funnel.StatusCode);
        Assert.Contains("20 funnels", (string)(await funnel.JsonAsync())["detail"]!);
        Assert.Equal(HttpStatusCode.OK, (await Http.PutAsync($"/api/sites/{site}/goals/g99", """{"page":"/99*"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.PutAsync($"/api/sites/{site}/funnels/f19", """{"steps":["g0","g1"]}""")).StatusCode);
        var listed = JsonNode.Parse(await Http.GetStringAsync($"/api/sites/{site}/goals"))!["goals"]!.AsArray();
        Assert.Equal(GoalRules.MaxGoals + 1, listed.Count);
        Assert.DoesNotContain(listed, g => (string)g!["name"]! == "one-more");
    }

    [Fact]
    public async Task Purchase_is_built_in_so_putting_or_deleting_it_is_a_409_saying_so()
    {
        var site = GoalRequests.NewSite();

        var put = await Http.PutAsync($"/api/sites/{site}/goals/purchase", """{"page":"/thanks"}""");
        var delete = await Http.DeleteAsync($"/api/sites/{site}/goals/purchase");

        foreach (var response in new[] { put, delete })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("built in", (string)(await response.JsonAsync())["detail"]!);
        }
        Assert.Equal($$"""{"site":"{{site}}","goals":[{"name":"purchase","builtIn":true}]}""", await Http.GetStringAsync($"/api/sites/{site}/goals"));
    }

    [Fact]
    public async Task A_goal_a_funnel_uses_is_a_409_naming_the_funnel_until_the_funnel_is_deleted()
    {
        var site = GoalRequests.NewSite();
        await Http.PutAsync($"/api/sites/{site}/goals/signup", """{"event":"signup"}""");
        await Http.PutAsync($"/api/sites/{site}/funnels/checkout", """{"steps":["signup","purchase"]}""");

        var inUse = await Http.DeleteAsync($"/api/sites/{site}/goals/signup");

        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Contains("'checkout'", (string)(await inUse.JsonAsync())["detail"]!);
        Assert.Contains("signup", await Http.GetStringAsync($"/api/sites/{site}/goals"));
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/sites/{site}/funnels/checkout")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/sites/{site}/goals/signup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.DeleteAsync($"/api/sites/{site}/goals/signup")).StatusCode);
    }

    [Theory]
    [InlineData("DELETE", "/goals/nothing")]
    [InlineData("GET", "/goals/nothing/conversions")]
    [InlineData("DELETE", "/funnels/nothing")]
    [InlineData("GET", "/funnels/nothing/steps")]
    [InlineData("GET", "/funnels/Not%20A%20Name/steps")]
    public async Task An_unknown_goal_or_funnel_is_a_404_problem(string method, string path)
    {
        var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/sites/{GoalRequests.NewSite()}{path}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_goal_and_funnel_routes()
    {
        var document = JsonNode.Parse(await Http.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        Assert.Equal(["get"], paths["/api/sites/{site}/goals"]!.AsObject().Select(m => m.Key));
        Assert.Equal(["put", "delete"], paths["/api/sites/{site}/goals/{name}"]!.AsObject().Select(m => m.Key));
        Assert.Equal(["get"], paths["/api/sites/{site}/goals/{name}/conversions"]!.AsObject().Select(m => m.Key));
        Assert.Equal(["get"], paths["/api/sites/{site}/funnels"]!.AsObject().Select(m => m.Key));
        Assert.Equal(["put", "delete"], paths["/api/sites/{site}/funnels/{name}"]!.AsObject().Select(m => m.Key));
        Assert.Equal(["get"], paths["/api/sites/{site}/funnels/{name}/steps"]!.AsObject().Select(m => m.Key));
        Assert.NotNull(paths["/api/sites/{site}/goals/{name}"]!["put"]!["requestBody"]);
    }
}
