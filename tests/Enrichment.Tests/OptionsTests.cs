namespace Analytics.Enrichment.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(new EnrichmentOptions().Problems());

    [Fact]
    public void A_country_database_that_is_not_there_is_named()
    {
        var problem = Assert.Single(new EnrichmentOptions { CountryDatabase = "/nowhere/GeoLite2-Country.mmdb" }.Problems());
        Assert.StartsWith("Enrichment:CountryDatabase", problem);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public void A_cache_size_out_of_range_is_named(int size)
    {
        var problem = Assert.Single(new EnrichmentOptions { UserAgentCacheSize = size }.Problems());
        Assert.StartsWith("Enrichment:UserAgentCacheSize", problem);
    }
}
