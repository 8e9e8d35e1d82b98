using Analytics.Enrichment.UserAgents;

namespace Analytics.Enrichment.Tests;

public sealed class UserAgentCacheTests
{
    [Fact]
    public void Holds_at_most_two_generations_and_keeps_what_is_used()
    {
        var cache = new UserAgentCache<int>(capacity: 3);
        var computed = new List<string>();
        void Get(params string[] agents)
        {
            foreach (var ua in agents) cache.GetOrAdd(ua, static (text, log) => { log.Add(text); return text.Length; }, computed);
        }

        Get("a", "bb", "ccc");  // the third entry fills the generation, which becomes the previous one
        Get("a");               // found in the previous generation and carried into the current one
        Get("dddd", "eeeee");   // fills the current generation: it becomes the previous one, "bb" and "ccc" are dropped
        Assert.Equal(["a", "bb", "ccc", "dddd", "eeeee"], computed);

        computed.Clear();
        Get("a", "dddd", "bb");
        Assert.Equal(["bb"], computed);
    }

    [Fact]
    public void A_capacity_of_zero_remembers_nothing()
    {
        var cache = new UserAgentCache<int>(capacity: 0);
        var computed = new List<string>();
        for (var i = 0; i < 3; i++) cache.GetOrAdd("a", static (text, log) => { log.Add(text); return 1; }, computed);
        Assert.Equal(3, computed.Count);
    }
}
