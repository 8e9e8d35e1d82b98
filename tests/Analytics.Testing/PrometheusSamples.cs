using System.Globalization;
using System.Text.RegularExpressions;

namespace Analytics.Testing;

/// <summary>The samples of a Prometheus text scrape as <c>name{label="value"}</c> and value, without the exporter's <c>otel_scope_*</c> labels.</summary>
public static partial class PrometheusSamples
{
    public static HashSet<(string Series, double Value)> Parse(string text) =>
    [
        .. text.Split('\n').Select(line => Sample().Match(line)).Where(m => m.Success).Select(m =>
        {
            var labels = Label().Matches(m.Groups["labels"].Value).Select(l => l.Value).Where(l => !l.StartsWith("otel_scope_", StringComparison.Ordinal)).ToList();
            var series = labels.Count == 0 ? m.Groups["name"].Value : $"{m.Groups["name"].Value}{{{string.Join(',', labels)}}}";
            return (series, double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        }),
    ];

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*=""(\\.|[^""\\])*""")]
    private static partial Regex Label();
}
