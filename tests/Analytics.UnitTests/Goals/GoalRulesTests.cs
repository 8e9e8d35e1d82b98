using System.Text.Json;
using Analytics.Grains.Interfaces.Goals;

namespace Analytics.UnitTests.Goals;

/// <summary>The definition rules the API answers by: each broken one under the field a client sent.</summary>
public sealed class GoalRulesTests
{
    private static (GoalDefinition? Goal, Dictionary<string, string[]> Errors) Goal(string name, string body)
    {
        var errors = new Dictionary<string, string[]>();
        return (GoalRules.Goal(name, JsonDocument.Parse(body).RootElement, errors), errors);
    }

    private static (FunnelDefinition? Funnel, Dictionary<string, string[]> Errors) Funnel(string name, string body)
    {
        var errors = new Dictionary<string, string[]>();
        return (GoalRules.Funnel(name, JsonDocument.Parse(body).RootElement, errors), errors);
    }

    [Fact]
    public void A_page_goal_and_an_event_goal_with_props_are_kept_as_sent_and_numbers_in_invariant_form()
    {
        var page = Goal("pricing", """{"page":"/pricing*"}""");
        var signup = Goal("sign_up-2", """{"event":"signup","props":{"plan":"pro","seats":10.50,"big":1e21}}""");

        Assert.Equal(new GoalDefinition("pricing", "/pricing*"), page.Goal);
        Assert.Empty(signup.Errors);
        Assert.Equal(("sign_up-2", null, "signup"), (signup.Goal!.Name, signup.Goal.Page, signup.Goal.Event));
        Assert.Equal(new Dictionary<string, string> { ["plan"] = "pro", ["seats"] = "10.5", ["big"] = "1E+21" }, signup.Goal.Props);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("0-checkout_2", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvw", false)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("_a", false)]
    [InlineData("Pricing", false)]
    [InlineData("a b", false)]
    [InlineData("a.b", false)]
    public void A_name_is_a_short_lower_case_slug(string name, bool valid)
    {
        Assert.Equal(valid, GoalRules.IsName(name));
        Assert.Equal(!valid, Goal(name, """{"page":"/"}""").Errors.ContainsKey("name"));
        Assert.Equal(!valid, Funnel(name, """{"steps":["a","b"]}""").Errors.ContainsKey("name"));
    }

    public static TheoryData<string, string, string> WrongGoals() => new()
    {
        { "{}", "body", "exactly one of page" },
        { """{"page":"/a","event":"b"}""", "body", "exactly one of page" },
        { """{"page":"/a","colour":"red"}""", "body", "colour" },
        { "[]", "body", "JSON object" },
        { "\"/a\"", "body", "JSON object" },
        { """{"page":""}""", "page", "start with '/'" },
        { """{"page":"pricing"}""", "page", "start with '/'" },
        { """{"page":"/a b"}""", "page", "no spaces" },
        { """{"page":"/a\tb"}""", "page", "no spaces" },
        { """{"page":"/a\u0001"}""", "page", "control characters" },
        { $$"""{"page":"/{{new string('a', 256)}}"}""", "page", "1 to 256" },
        { """{"page":7}""", "page", "must be a string" },
        { """{"page":"\ud800"}""", "page", "must be a string" },
        { """{"event":""}""", "event", "1 to 64" },
        { $$"""{"event":"{{new string('e', 65)}}"}""", "event", "1 to 64" },
        { """{"event":"a\nb"}""", "event", "control characters" },
        { """{"event":true}""", "event", "must be a string" },
        { """{"page":"/a","props":{"plan":"pro"}}""", "props", "only an event goal" },
        { """{"event":"e","props":{}}""", "props", "1 to 8" },
        { """{"event":"e","props":["a"]}""", "props", "1 to 8" },
        { """{"event":"e","props":{"a":1,"b":1,"c":1,"d":1,"e":1,"f":1,"g":1,"h":1,"i":1}}""", "props", "1 to 8" },
        { """{"event":"e","props":{"":"x"}}""", "props", "1 to 64" },
        { $$$"""{"event":"e","props":{"{{{new string('k', 65)}}}":"x"}}""", "props", "1 to 64" },
        { """{"event":"e","props":{"plan":""}}""", "props.plan", "1 to 256" },
        { $$$"""{"event":"e","props":{"plan":"{{{new string('v', 257)}}}"}}""", "props.plan", "1 to 256" },
        { """{"event":"e","props":{"plan":true}}""", "props.plan", "finite number" },
        { """{"event":"e","props":{"plan":null}}""", "props.plan", "finite number" },
        { """{"event":"e","props":{"plan":{"a":1}}}""", "props.plan", "finite number" },
    };

    [Theory]
    [MemberData(nameof(WrongGoals))]
    public void A_wrong_goal_names_its_field(string body, string field, string rule)
    {
        var (goal, errors) = Goal("g", body);

        Assert.Null(goal);
        Assert.Contains(rule, string.Join(" | ", Assert.Contains(field, errors)));
    }

    [Fact]
    public void Limits_are_inclusive()
    {
        var props = string.Join(",", Enumerable.Range(0, 8).Select(i => $"\"{new string((char)('a' + i), 64)}\":\"{new string('v', 256)}\""));

        Assert.Empty(Goal("g", $$"""{"page":"/{{new string('a', 255)}}"}""").Errors);
        Assert.Empty(Goal("g", $$$"""{"event":"{{{new string('e', 64)}}}","props":{{{{props}}}}}""").Errors);
        Assert.Empty(Goal("g", """{"page":"/","event":null,"props":null}""").Errors);
    }

    [Fact]
    public void Every_broken_rule_is_named_at_once()
    {
        var (_, errors) = Goal("Bad Name", """{"event":"","props":{"a":"","b":false}}""");

        Assert.Equal(["event", "name", "props.a", "props.b"], errors.Keys.Order());
    }

    [Fact]
    public void A_funnel_of_two_to_eight_goal_names_is_kept_in_order()
    {
        Assert.Equal(["pricing", "signup", "purchase"], Funnel("checkout", """{"steps":["pricing","signup","purchase"]}""").Funnel!.Steps);
        Assert.Empty(Funnel("f", """{"steps":["a","b","a","b","a","b","a","b"]}""").Errors);
    }

    public static TheoryData<string, string, string> WrongFunnels() => new()
    {
        { """{"steps":["a"]}""", "steps", "2 to 8" },
        { """{"steps":["a","b","c","d","e","f","g","h","i"]}""", "steps", "2 to 8" },
        { """{"steps":"a,b"}""", "steps", "2 to 8" },
        { "{}", "steps", "2 to 8" },
        { """{"steps":["a","b","b"]}""", "steps", "step 2 repeats step 1" },
        { """{"steps":["a","B"]}""", "steps[1]", "goal's name" },
        { """{"steps":[1,"b"]}""", "steps[0]", "goal's name" },
        { """{"steps":["a","b"],"name":"x"}""", "body", "name" },
        { "null", "body", "JSON object" },
    };

    [Theory]
    [MemberData(nameof(WrongFunnels))]
    public void A_wrong_funnel_names_its_field(string body, string field, string rule)
    {
        var (funnel, errors) = Funnel("f", body);

        Assert.Null(funnel);
        Assert.Contains(rule, string.Join(" | ", Assert.Contains(field, errors)));
    }
}
