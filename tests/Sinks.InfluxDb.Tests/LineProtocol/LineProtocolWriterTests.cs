using Analytics.Testing;
using Analytics.Sinks.InfluxDb.LineProtocol;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.LineProtocol;

/// <summary>The exact text of lines: each part escaped by its own rules, tags and fields in key order.</summary>
public sealed class LineProtocolWriterTests
{
    [Fact]
    public void Each_part_is_escaped_by_its_own_rules()
    {
        var point = new MetricPoint(
            "m,1 =x\"",
            Tags(("k,=y", "v a=l\"ue")),
            Fields(("f, =\"k", "s\"t\\r C:\\x"), ("n", 5L), ("d", 1.5)),
            1_700_000_000_123);

        Assert.Equal(
            "m\\,1\\ =x\",k\\,\\=y=v\\ a\\=l\"ue d=1.5,f\\,\\ \\=\\\"k=\"s\\\"t\\\\r C:\\\\x\",n=5i 1700000000123",
            point.ToString());
    }

    [Fact]
    public void Tags_and_fields_are_sorted_and_empty_tag_values_left_out()
    {
        var point = new MetricPoint("m", Tags(("site", "a"), ("empty", ""), ("page", "/")), Fields(("z", 1L), ("a", 2L)), 0);

        Assert.Equal("m,page=/,site=a a=2i,z=1i 0", point.ToString());
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(-0.1, "-0.1")]
    [InlineData(1e20, "1E+20")]
    [InlineData(5e-324, "5E-324")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    [InlineData(3.0, "3")]
    public void Doubles_are_written_in_their_shortest_exact_form(double value, string text)
    {
        Assert.Equal($"m value={text} 1", Value("m", 1, value).ToString());
    }

    [Fact]
    public void Integers_carry_the_i_suffix_over_their_whole_range()
    {
        Assert.Equal("m a=9223372036854775807i,b=-9223372036854775808i 1", new MetricPoint("m", null, Fields(("a", long.MaxValue), ("b", long.MinValue)), 1).ToString());
    }

    [Fact]
    public void Lines_of_a_body_end_with_a_line_break()
    {
        var body = LineProtocolWriter.AppendAll(new System.Text.StringBuilder(), [Value("a", 1, 1L), Value("b", 2, 2L)]).ToString();

        Assert.Equal("a value=1i 1\nb value=2i 2\n", body);
    }
}
