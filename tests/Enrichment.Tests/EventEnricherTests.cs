using System.Net;
using System.Text;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Enrichment.Tests;

public sealed class EventEnricherTests
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    [Fact]
    public void Derives_every_dimension_of_an_event()
    {
        var result = DataSets.Enricher().Enrich("shop.example.com",
            "https://shop.example.com/sale?utm_source=newsletter&utm_medium=email&utm_campaign=winter",
            "https://www.google.com/", Chrome, IPAddress.Parse("8.8.8.8"));
        Assert.Equal(new EnrichmentResult(new Dimensions("Google", "newsletter", "email", "winter", "Chrome", "Windows", "desktop", Dimensions.None), false), result);
    }

    [Fact]
    public void An_event_with_nothing_but_its_site_has_none_everywhere()
    {
        var result = DataSets.Enricher().Enrich("shop.example.com", null, null, null, null);
        var none = Dimensions.None;
        Assert.Equal(new EnrichmentResult(new Dimensions(Dimensions.DirectNone, none, none, none, none, none, none, none), false), result);
    }

    [Fact]
    public void A_crawler_is_a_bot_unless_bot_filtering_is_off()
    {
        Assert.True(DataSets.Enricher().Enrich("s.example", null, null, Googlebot, null).IsBot);
        Assert.False(DataSets.Enricher(new EnrichmentOptions { BotFiltering = false }).Enrich("s.example", null, null, Googlebot, null).IsBot);
    }

    [Fact]
    public void A_remembered_user_agent_gets_the_same_answer()
    {
        var enricher = DataSets.Enricher(new EnrichmentOptions { UserAgentCacheSize = 2 });
        var agents = UserAgentTests.Browsers.Select(row => (string)row[0]).Append(Googlebot).ToList();
        var first = agents.Select(ua => enricher.Enrich("s.example", null, null, ua, null)).ToList();
        var again = agents.Select(ua => enricher.Enrich("s.example", null, null, ua, null)).ToList();
        Assert.Equal(first, again);
    }

    public static TheoryData<string> HostileUserAgents => new()
    {
        new string('A', 1_000_000),
        "Mozilla/5.0 " + new string('(', 600),
        "\0\u0001\u001f\u007f\uFFFF\uD800\uDC00\uDFFF" + "Chrome/1",
        Encoding.Latin1.GetString(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()),
        string.Concat(Enumerable.Repeat("Mobile Safari/ Android; ", 100)),
        "Mozilla/5.0 (compatible; " + new string(' ', 500) + "bot",
        string.Concat(Enumerable.Repeat("spider-", 80)),
    };

    [Theory]
    [MemberData(nameof(HostileUserAgents))]
    public void Any_user_agent_yields_values_and_never_throws(string userAgent)
    {
        var result = DataSets.Enricher().Enrich("s.example", null, null, userAgent, null);
        Assert.All(new[] { result.Dimensions.Browser, result.Dimensions.Os, result.Dimensions.Device }, Assert.NotEmpty);
    }

    [Theory]
    [InlineData("https://s.example/?" + "utm_source=%%%%%%&utm_medium=%E0%A4%A&utm_campaign=%ZZ")]
    [InlineData("not a url at all ?utm_source=x")]
    [InlineData("\0?\0=\0&utm_source")]
    [InlineData("https://[::1/?utm_source=x")]
    public void A_malformed_url_or_referrer_never_throws(string text)
    {
        var result = DataSets.Enricher().Enrich("s.example", text, text, text, null);
        Assert.NotNull(result.Dimensions.Source);
    }

    [Fact]
    public void A_huge_query_yields_none()
    {
        var url = "https://s.example/?" + string.Concat(Enumerable.Repeat("utm_source=x&", 200_000));
        var result = DataSets.Enricher().Enrich("s.example", url, url, null, null);
        Assert.Equal((Dimensions.None, Dimensions.DirectNone), (result.Dimensions.UtmSource, result.Dimensions.Source));
    }
}
