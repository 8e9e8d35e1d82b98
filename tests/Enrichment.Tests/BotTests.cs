using System.Text.Json;
using Analytics.Enrichment.Bots;
using Analytics.Enrichment.Hosting;

namespace Analytics.Enrichment.Tests;

public sealed class BotTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")]
    [InlineData("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)")]
    [InlineData("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)")]
    [InlineData("Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)")]
    [InlineData("DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [InlineData("Mozilla/5.0 (compatible; AdsBot-Google; +http://www.google.com/adsbot.html)")]
    public void Crawlers_are_bots(string userAgent) => Assert.True(DataSets.Bots.IsBot(userAgent));

    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 HeadlessEdg/131.0.0.0")]
    [InlineData("Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:38.0) Gecko/20100101 SlimerJS/0.10.3")]
    [InlineData("Mozilla/5.0 (linux) AppleWebKit/537.36 (KHTML, like Gecko) jsdom/25.0.1")]
    public void Headless_browsers_are_bots(string userAgent) => Assert.True(DataSets.Bots.IsBot(userAgent));

    [Theory]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.32.3")]
    [InlineData("Go-http-client/2.0")]
    [InlineData("Go-http-client/1.1")]
    [InlineData("okhttp/4.12.0")]
    [InlineData("Java/17.0.9")]
    [InlineData("Java-http-client/21.0.5")]
    [InlineData("Apache-HttpClient/4.5.14 (Java/17.0.9)")]
    [InlineData("axios/1.7.7")]
    [InlineData("node-fetch/1.0 (+https://github.com/bitinn/node-fetch)")]
    [InlineData("node")]
    [InlineData("Wget/1.21.4")]
    [InlineData("Python-urllib/3.12")]
    [InlineData("python-httpx/0.27.2")]
    [InlineData("Python/3.12 aiohttp/3.10.10")]
    [InlineData("libwww-perl/6.77")]
    [InlineData("HTTPie/3.2.4")]
    [InlineData("PostmanRuntime/7.42.0")]
    [InlineData("Dart/3.5 (dart:io)")]
    [InlineData("GuzzleHttp/7")]
    public void Http_client_libraries_are_server_side_senders_not_bots(string userAgent) => Assert.False(DataSets.Bots.IsBot(userAgent));

    [Fact]
    public void Browsers_are_not_bots() =>
        Assert.DoesNotContain(UserAgentTests.Browsers.Select(row => (string)row[0]), DataSets.Bots.IsBot);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void No_user_agent_is_not_a_bot(string? userAgent) => Assert.False(DataSets.Bots.IsBot(userAgent));

    [Fact]
    public void Every_example_the_list_gives_for_a_crawler_is_a_bot()
    {
        // The list's own examples, with the word search and the regexes split as the detector splits them.
        using var file = File.OpenRead(EnrichmentData.CrawlerUserAgents);
        var missed = JsonDocument.Parse(file).RootElement.EnumerateArray()
            .Where(e => !e.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == CrawlerList.HttpLibraryTag))
            .SelectMany(e => e.GetProperty("instances").EnumerateArray().Select(i => i.GetString()!))
            .Where(ua => ua.Length <= Analytics.Enrichment.UserAgents.UserAgentText.MaxLength && !DataSets.Bots.IsBot(ua))
            .ToList();
        Assert.Empty(missed);
    }

    [Fact]
    public void The_lists_http_libraries_are_left_out_and_every_pattern_is_read()
    {
        Assert.True(DataSets.Bots.HttpLibrariesLeftOut >= 30, $"{DataSets.Bots.HttpLibrariesLeftOut} HTTP library patterns left out");
        Assert.True(DataSets.Bots.PatternCount >= 1_400, $"{DataSets.Bots.PatternCount} patterns");
        Assert.Equal(0, DataSets.Bots.InvalidPatterns);
    }

    [Theory]
    [InlineData(@"Googlebot\/", "Googlebot/")]
    [InlineData("AdsBot-Google", "AdsBot-Google")]
    [InlineData(@"Chrome-Lighthouse", "Chrome-Lighthouse")]
    [InlineData(@"^curl", null)]
    [InlineData(@"BlogTraffic\/\d\.\d+ Feed-Fetcher", null)]
    [InlineData(@"Ahrefs(Bot|SiteAudit)", null)]
    [InlineData(@"\bjsdom/", null)]
    [InlineData(@"[wW]get", null)]
    public void Only_plain_words_are_searched_as_words(string pattern, string? word) => Assert.Equal(word, PatternText.Literal(pattern));
}
