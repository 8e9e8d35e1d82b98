namespace Analytics.Enrichment.Tests;

public sealed class DimensionNamesTests
{
    [Fact]
    public void Every_dimension_of_the_contract_is_named_once()
    {
        // METRICS.md §5, breakdown route: the dimensions it accepts, prop:{key} aside.
        string[] contract = ["source", "utm_source", "utm_medium", "utm_campaign", "page", "entry_page", "exit_page", "browser", "os", "device", "country"];
        Assert.Equal(contract, DimensionNames.All);
    }

    [Theory]
    [InlineData("source", true)]
    [InlineData("prop:plan", true)]
    [InlineData("prop:", false)]
    [InlineData("Source", false)]
    [InlineData("referrer", false)]
    [InlineData(null, false)]
    public void Tells_a_known_dimension(string? name, bool known) => Assert.Equal(known, DimensionNames.IsKnown(name));

    [Fact]
    public void A_prop_key_longer_than_the_contract_allows_is_not_a_dimension() =>
        Assert.False(DimensionNames.IsKnown(DimensionNames.Prop(new string('k', 65))));
}
