using Analytics.Sinks.InfluxDb.Query;

namespace Analytics.Sinks.InfluxDb.Tests.Query;

/// <summary>The exact quoting of identifiers, strings and durations.</summary>
public sealed class InfluxQlTests
{
    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", "'it\\'s'")]
    [InlineData("back\\slash", "'back\\\\slash'")]
    [InlineData("say \"hi\"", "'say \\\"hi\\\"'")]
    [InlineData("two\nlines", "'two\\nlines'")]
    [InlineData("'; DROP DATABASE x; --", "'\\'; DROP DATABASE x; --'")]
    public void Strings_are_single_quoted_with_InfluxQLs_four_escapes(string value, string literal)
    {
        Assert.Equal(literal, InfluxQl.String(value));
    }

    [Theory]
    [InlineData("site", "\"site\"")]
    [InlineData("select", "\"select\"")]
    [InlineData("a \"b\" c", "\"a \\\"b\\\" c\"")]
    [InlineData("x\\y", "\"x\\\\y\"")]
    public void Identifiers_are_double_quoted(string name, string identifier)
    {
        Assert.Equal(identifier, InfluxQl.Identifier(name));
    }

    [Fact]
    public void Durations_use_the_largest_exact_unit_and_zero_is_infinite()
    {
        Assert.Equal("30d", InfluxQl.Duration(TimeSpan.FromDays(30)));
        Assert.Equal("2w", InfluxQl.Duration(TimeSpan.FromDays(14)));
        Assert.Equal("90m", InfluxQl.Duration(TimeSpan.FromMinutes(90)));
        Assert.Equal("1500ms", InfluxQl.Duration(TimeSpan.FromMilliseconds(1500)));
        Assert.Equal("INF", InfluxQl.Duration(TimeSpan.Zero));
        Assert.Equal("1700000000000ms", InfluxQl.Time(1_700_000_000_000));
    }
}
