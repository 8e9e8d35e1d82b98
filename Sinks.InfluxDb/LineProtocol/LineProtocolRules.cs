using System.Text;

namespace Analytics.Sinks.InfluxDb.LineProtocol;

/// <summary>
/// What a point may hold so that every InfluxDB version (and VictoriaMetrics) reads back exactly what was
/// written. The rules reject rather than rewrite: a silently altered tag would merge two series or split one.
/// <list type="bullet">
/// <item>No control characters anywhere (newline, carriage return, tab, NUL, DEL, C1): line protocol has no
/// escape for them, and a newline would end the line and start an injected one.</item>
/// <item>No unpaired UTF-16 surrogates: they cannot be encoded as UTF-8.</item>
/// <item>In measurements, tag keys, tag values and field keys, a backslash must be followed by an ordinary
/// character: before '\', ',', '=', ' ', '"' or at the end it reads as an escape, and servers disagree on it.</item>
/// <item>A measurement cannot start with '#' (InfluxDB 1.x takes the line for a comment); names cannot be
/// empty; <c>time</c>, <c>_field</c> and <c>_measurement</c> are reserved keys.</item>
/// <item>Sizes: the escaped series key plus a field key stays within InfluxDB's 65,535-byte key limit; a
/// string field value stays within its 64 KiB limit; timestamps stay within its nanosecond range.</item>
/// </list>
/// </summary>
internal static class LineProtocolRules
{
    public const int MaxKeyBytes = 65_535;
    public const int MaxStringFieldBytes = 64 * 1024;
    public const long MinTimestampMs = -9_223_372_036_854;
    public const long MaxTimestampMs = 9_223_372_036_854;

    // The storage engine joins series key and field key with this separator; both must fit its key limit.
    private const int FieldSeparatorBytes = 4;
    private const string EscapeTargets = "\\,= \"";

    public static void CheckMeasurement(string measurement)
    {
        CheckName(measurement, "measurement");
        if (measurement[0] == '#')
            throw Invalid("measurement", "starts with '#', which InfluxDB 1.x reads as a comment line");
    }

    public static void CheckTagKey(string key)
    {
        CheckName(key, $"tag key {Describe(key)}");
        CheckNotReserved(key, "tag key");
    }

    public static void CheckTagValue(string key, string value) => CheckCharacters(value, $"value of tag {Describe(key)}", names: true);

    public static void CheckFieldKey(string key)
    {
        CheckName(key, $"field key {Describe(key)}");
        CheckNotReserved(key, "field key");
    }

    public static void CheckFieldValue(string key, FieldValue value)
    {
        switch (value.Kind)
        {
            case FieldKind.Double when !double.IsFinite(value.Double):
                throw Invalid($"field {Describe(key)}", "is NaN or infinite, which line protocol cannot carry");
            case FieldKind.String:
                CheckCharacters(value.Text!, $"string field {Describe(key)}", names: false);
                if (Encoding.UTF8.GetByteCount(value.Text!) > MaxStringFieldBytes)
                    throw Invalid($"string field {Describe(key)}", $"is longer than {MaxStringFieldBytes} UTF-8 bytes");
                break;
        }
    }

    public static void CheckKeyLength(int seriesKeyBytes, int longestFieldKeyBytes)
    {
        if (seriesKeyBytes + FieldSeparatorBytes + longestFieldKeyBytes > MaxKeyBytes)
            throw Invalid("series key", $"(measurement and tags, escaped, plus a field key) is longer than {MaxKeyBytes} bytes");
    }

    public static void CheckTimestamp(long timestampMs)
    {
        if (timestampMs is < MinTimestampMs or > MaxTimestampMs)
            throw Invalid("timestamp", $"{timestampMs} ms lies outside InfluxDB's range ({MinTimestampMs}..{MaxTimestampMs} ms)");
    }

    private static void CheckName(string text, string what)
    {
        if (text.Length == 0)
            throw Invalid(what, "is empty");
        CheckCharacters(text, what, names: true);
    }

    private static void CheckNotReserved(string key, string what)
    {
        if (key is "time" or "_field" or "_measurement")
            throw Invalid($"{what} '{key}'", "is reserved by InfluxDB");
    }

    private static void CheckCharacters(string text, string what, bool names)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                throw Invalid(what, $"holds an unpaired surrogate at index {i}");
            if (char.IsControl(c))
                throw Invalid(what, $"holds the control character U+{(int)c:X4} at index {i}; line protocol has no escape for it");
            if (names && c == '\\' && (i + 1 == text.Length || EscapeTargets.Contains(text[i + 1])))
                throw Invalid(what, $"holds a backslash at index {i} that InfluxDB would read as an escape (before '\\', ',', '=', ' ', '\"' or at the end)");
        }
    }

    private static InvalidMetricPointException Invalid(string what, string reason) => new($"Invalid metric point: {what} {reason}.");

    /// <summary>A key as it may appear in a message: quoted, shortened, control characters made visible.</summary>
    private static string Describe(string key)
    {
        const int shown = 64;
        var builder = new StringBuilder("'");
        foreach (var c in key.Length > shown ? key[..shown] : key)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
                builder.Append($"\\u{(int)c:X4}");
            else
                builder.Append(c);
        }
        return builder.Append(key.Length > shown ? "'…" : "'").ToString();
    }
}
