using Analytics.Testing;
using Analytics.Sinks.InfluxDb.LineProtocol;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.LineProtocol;

/// <summary>What a point refuses to hold, and that the refusal names the part that is wrong.</summary>
public sealed class MetricPointRulesTests
{
    public static TheoryData<string> Unrepresentable => new()
    {
        "line\nbreak", "carriage\rreturn", "tab\there", "nul\0", "del\u007f", "next-line\u0085",
        "ends with a backslash\\", "backslash\\,comma", "backslash\\ space", "backslash\\=equals", "two\\\\backslashes", "backslash\\\"quote",
    };

    [Theory]
    [MemberData(nameof(Unrepresentable))]
    public void A_tag_value_line_protocol_cannot_carry_is_refused(string value)
    {
        var error = Assert.Throws<InvalidMetricPointException>(() => Value("m", 1, 1L, ("site", value)));

        Assert.Contains("value of tag 'site'", error.Message);
    }

    [Theory]
    [MemberData(nameof(Unrepresentable))]
    public void Names_line_protocol_cannot_carry_are_refused(string name)
    {
        Assert.Throws<InvalidMetricPointException>(() => Value(name, 1, 1L));
        Assert.Throws<InvalidMetricPointException>(() => Value("m", 1, 1L, (name, "v")));
        Assert.Throws<InvalidMetricPointException>(() => new MetricPoint("m", null, name, 1L, 1));
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("nul\0")]
    public void A_string_field_with_a_control_character_is_refused(string text)
    {
        var error = Assert.Throws<InvalidMetricPointException>(() => new MetricPoint("m", null, "label", text, 1));

        Assert.Contains("string field 'label'", error.Message);
    }

    [Fact]
    public void Unpaired_surrogates_are_refused_everywhere()
    {
        // Built here rather than passed as theory data: the test runner would replace them while serializing.
        foreach (var broken in new[] { "lone \ud800 high", "lone \udc00 low", "reversed \udc00\ud800", "ends high \ud800" })
        {
            Assert.Contains("surrogate", Assert.Throws<InvalidMetricPointException>(() => Value(broken, 1, 1L)).Message);
            Assert.Throws<InvalidMetricPointException>(() => Value("m", 1, 1L, ("site", broken)));
            Assert.Throws<InvalidMetricPointException>(() => new MetricPoint("m", null, "label", broken, 1));
        }
        Assert.Equal("m value=\"🚀\" 1", new MetricPoint("m", null, "value", "🚀", 1).ToString());
    }

    [Fact]
    public void Backslashes_in_string_fields_and_before_ordinary_characters_are_fine()
    {
        var point = new MetricPoint("C:\\m", Tags(("path", "C:\\temp\\x")), Fields(("s", "ends with \\"), ("v", 1L)), 1);

        Assert.Equal("C:\\m,path=C:\\temp\\x s=\"ends with \\\\\",v=1i 1", point.ToString());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_numbers_are_refused(double value)
    {
        Assert.Throws<InvalidMetricPointException>(() => Value("m", 1, value));
    }

    [Fact]
    public void Structural_mistakes_are_refused_with_the_reason()
    {
        Assert.Contains("comment", Assert.Throws<InvalidMetricPointException>(() => Value("#m", 1, 1L)).Message);
        Assert.Contains("empty", Assert.Throws<InvalidMetricPointException>(() => Value("", 1, 1L)).Message);
        Assert.Contains("reserved", Assert.Throws<InvalidMetricPointException>(() => Value("m", 1, 1L, ("time", "x"))).Message);
        Assert.Contains("reserved", Assert.Throws<InvalidMetricPointException>(() => new MetricPoint("m", null, "time", 1L, 1)).Message);
        Assert.Contains("both a tag and a field", Assert.Throws<InvalidMetricPointException>(() => Value("m", 1, 1L, ("value", "x"))).Message);
        Assert.Contains("no field", Assert.Throws<InvalidMetricPointException>(() => new MetricPoint("m", null, Fields(), 1)).Message);
        Assert.Contains("timestamp", Assert.Throws<InvalidMetricPointException>(() => Value("m", 9_223_372_036_855, 1L)).Message);
    }

    [Fact]
    public void Sizes_stay_within_InfluxDBs_limits()
    {
        Value("m", 1, 1L, ("t", new string('x', 60_000)));
        new MetricPoint("m", null, "s", new string('x', 64 * 1024), 1);

        Assert.Contains("65535", Assert.Throws<InvalidMetricPointException>(() => Value("m", 1, 1L, ("t", new string('x', 65_530)))).Message);
        Assert.Contains("65535", Assert.Throws<InvalidMetricPointException>(() => Value("m", 1, 1L, ("t", new string(',', 33_000)))).Message);
        Assert.Throws<InvalidMetricPointException>(() => new MetricPoint("m", null, "s", new string('é', 33_000), 1));
    }

    [Fact]
    public void A_long_hostile_key_is_shortened_and_made_visible_in_the_message()
    {
        var key = "k\n" + new string('x', 500);

        var error = Assert.Throws<InvalidMetricPointException>(() => Value("m", 1, 1L, (key, "v")));

        Assert.Contains("'k\\u000A", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
    }
}
