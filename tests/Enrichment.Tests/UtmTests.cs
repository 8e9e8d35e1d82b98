using Analytics.Enrichment.Sources;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Enrichment.Tests;

public sealed class UtmTests
{
    [Fact]
    public void Reads_the_three_parameters_from_the_query()
    {
        var utm = UtmParameters.From("https://shop.example.com/sale?utm_source=newsletter&utm_medium=email&utm_campaign=black%20friday&x=1");
        Assert.Equal(new UtmParameters.Values("newsletter", "email", "black friday"), utm);
    }

    [Theory]
    [InlineData("https://s.example/?utm_source=spring+sale", "spring sale")]
    [InlineData("https://s.example/?utm_source=%20%20news%20", "news")]
    [InlineData("https://s.example/?utm_source=caf%C3%A9", "café")]
    [InlineData("https://s.example/?UTM_SOURCE=Upper", "Upper")]
    [InlineData("https://s.example/?utm_source=first&utm_source=second", "first")]
    [InlineData("https://s.example/?utm_source=a%3Db%26c", "a=b&c")]
    [InlineData("https://s.example/?utm_source=%zz%", "%zz%")]
    [InlineData("https://s.example/?utm_source=%C3", "%C3")]
    [InlineData("https://s.example/?a=1&&utm_source=x&", "x")]
    public void Values_are_decoded_and_trimmed(string url, string source) => Assert.Equal(source, UtmParameters.From(url).Source);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://s.example/")]
    [InlineData("https://s.example/?")]
    [InlineData("https://s.example/?utm_source=")]
    [InlineData("https://s.example/?utm_source=+++")]
    [InlineData("https://s.example/?utm_source")]
    [InlineData("https://s.example/?a=1#utm_source=fragment")]
    [InlineData("https://s.example/?utm_source=tab%09bed")]
    [InlineData("https://s.example/?utm_source=nul%00")]
    [InlineData("https://s.example/?utm_sourcex=1")]
    public void An_absent_empty_or_unprintable_value_is_none(string? url) => Assert.Equal(Dimensions.None, UtmParameters.From(url).Source);

    [Fact]
    public void A_long_value_is_cut_to_the_bound()
    {
        var utm = UtmParameters.From("https://s.example/?utm_campaign=" + new string('c', 300));
        Assert.Equal(new string('c', UtmParameters.MaxLength), utm.Campaign);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        // 99 letters, then an emoji (two UTF-16 units) across the bound.
        var utm = UtmParameters.From("https://s.example/?utm_campaign=" + new string('c', 99) + "%F0%9F%98%80tail");
        Assert.Equal(new string('c', 99), utm.Campaign);
    }

    [Fact]
    public void A_url_longer_than_the_contract_allows_has_none()
    {
        Assert.Equal(UtmParameters.None, UtmParameters.From("https://s.example/?utm_source=x&" + new string('&', 100_000)));
    }
}
