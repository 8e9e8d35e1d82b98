using System.Globalization;
using System.Text;

namespace Analytics.Sinks.InfluxDb.Query;

/// <summary>
/// Quoting for InfluxQL text. Prefer bound parameters (<c>$name</c>, see <see cref="InfluxQueryClient"/>) for
/// values; identifiers (databases, measurements, tag keys) cannot be bound and must be quoted with
/// <see cref="Identifier"/>. InfluxQL's quoted strings and identifiers understand exactly four escapes
/// (<c>\\</c>, <c>\'</c>, <c>\"</c>, <c>\n</c>) and refuse a raw line break, so those are the characters escaped.
/// </summary>
public static class InfluxQl
{
    /// <summary>A double-quoted identifier: any name, including keywords, spaces and quotes.</summary>
    public static string Identifier(string name) => Quote(name, '"');

    /// <summary>A single-quoted string literal.</summary>
    public static string String(string value) => Quote(value, '\'');

    /// <summary>A qualified measurement: <c>"db"."rp"."measurement"</c>.</summary>
    public static string Measurement(string database, string retentionPolicy, string measurement) =>
        $"{Identifier(database)}.{Identifier(retentionPolicy)}.{Identifier(measurement)}";

    /// <summary>An epoch-millisecond time literal for comparisons with <c>time</c> (a bare number would mean nanoseconds).</summary>
    public static string Time(long epochMs) => epochMs.ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>
    /// A duration literal in the largest unit that expresses it exactly (<c>30d</c>, <c>90m</c>, <c>1500ms</c>),
    /// or <c>INF</c> for zero, which retention policies read as "keep forever".
    /// </summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
            return "INF";
        var ms = (long)duration.TotalMilliseconds;
        foreach (var (unit, size) in (ReadOnlySpan<(string, long)>)[("w", 604_800_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000)])
            if (ms % size == 0)
                return (ms / size).ToString(CultureInfo.InvariantCulture) + unit;
        return ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }

    private static string Quote(string text, char quote)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quoted = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '\'' or '"':
                    quoted.Append('\\').Append(c);
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                default:
                    quoted.Append(c);
                    break;
            }
        }
        return quoted.Append(quote).ToString();
    }
}
