using Analytics.Enrichment.Sources;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Enrichment.Tests;

public sealed class SourceTests
{
    private const string Site = "shop.example.com";
    private static readonly SourceResolver Sources = new(DataSets.Referrers);

    [Theory]
    [InlineData("https://www.google.com/", "Google")]
    [InlineData("https://www.google.de/search?q=shoes", "Google")]
    [InlineData("https://www.bing.com/images/search?q=shoes", "Bing Images")]
    [InlineData("https://images.google.com/", "Google Images")]
    [InlineData("https://www.bing.com/search?q=shoes&form=QBLH", "Bing")]
    [InlineData("https://duckduckgo.com/", "DuckDuckGo")]
    [InlineData("https://l.facebook.com/l.php?u=https%3A%2F%2Fshop.example.com%2F", "Facebook")]
    [InlineData("https://t.co/AbCdEf", "Twitter")]
    [InlineData("https://news.ycombinator.com/item?id=42", "Hacker News")]
    [InlineData("https://de.search.yahoo.com/search?p=shoes", "Yahoo!")]
    [InlineData("https://en.m.wikipedia.org/wiki/Shoe", "Wikipedia")]
    [InlineData("HTTPS://WWW.BING.COM/search?q=shoes", "Bing")]
    public void A_known_referrer_is_named_from_the_list(string referrer, string source) =>
        Assert.Equal(source, Sources.Resolve(referrer, Site));

    [Theory]
    [InlineData("https://www.unknown-blog.org/2026/11/post", "unknown-blog.org")]
    [InlineData("http://Blog.Example.NET:8080/x", "blog.example.net")]
    [InlineData("https://blog.shop.example.com/", "blog.shop.example.com")]
    [InlineData("https://203.0.113.7/page", "203.0.113.7")]
    public void An_unknown_referrer_is_its_host_without_www(string referrer, string source) =>
        Assert.Equal(source, Sources.Resolve(referrer, Site));

    [Theory]
    [InlineData("https://shop.example.com/cart", "shop.example.com")]
    [InlineData("https://WWW.Shop.Example.com/cart", "shop.example.com")]
    [InlineData("http://shop.example.com/", "www.shop.example.com")]
    [InlineData("https://www.shop.example.com/", "WWW.SHOP.EXAMPLE.COM")]
    public void A_referral_from_the_site_itself_is_direct(string referrer, string site) =>
        Assert.Equal(Dimensions.DirectNone, Sources.Resolve(referrer, site));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("www.google.com")]
    [InlineData("android-app://com.google.android.gm/")]
    [InlineData("ftp://files.example.org/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://")]
    [InlineData("https://exa mple.com/")]
    [InlineData("https://\u0000/")]
    public void No_referrer_or_one_that_is_not_an_http_url_is_direct(string? referrer) =>
        Assert.Equal(Dimensions.DirectNone, Sources.Resolve(referrer, Site));

    [Fact]
    public void A_referrer_longer_than_the_contract_allows_is_direct() =>
        Assert.Equal(Dimensions.DirectNone, Sources.Resolve("https://example.org/" + new string('a', 5000), Site));
}
