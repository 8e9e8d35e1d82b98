using System.Text;

namespace Analytics.Sinks.InfluxDb.LineProtocol;

/// <summary>
/// Escaping of the parts of a line. Each part has its own set of special characters: a measurement ends at a
/// comma or space; tag keys, tag values and field keys also at '='; a field key may also open a quoted
/// string in the eyes of InfluxDB 1.x's line splitter, so its '"' is escaped too; string field values are
/// quoted and escape only '"' and '\'. Backslashes in names are written as they are: <see cref="LineProtocolRules"/>
/// rejects the few places where one would be read as an escape.
/// </summary>
internal static class LineProtocolText
{
    private const string MeasurementSpecials = ", ";
    private const string TagSpecials = ",= ";
    private const string FieldKeySpecials = ",= \"";
    private const string StringFieldSpecials = "\"\\";

    public static void AppendMeasurement(StringBuilder line, string text) => AppendEscaped(line, text, MeasurementSpecials);

    public static void AppendTag(StringBuilder line, string text) => AppendEscaped(line, text, TagSpecials);

    public static void AppendFieldKey(StringBuilder line, string text) => AppendEscaped(line, text, FieldKeySpecials);

    public static void AppendStringField(StringBuilder line, string text)
    {
        line.Append('"');
        AppendEscaped(line, text, StringFieldSpecials);
        line.Append('"');
    }

    /// <summary>UTF-8 length of a measurement, tag key or tag value once escaped: what InfluxDB counts against its key limit.</summary>
    public static int EscapedMeasurementLength(string text) => Encoding.UTF8.GetByteCount(text) + Count(text, MeasurementSpecials);

    public static int EscapedTagLength(string text) => Encoding.UTF8.GetByteCount(text) + Count(text, TagSpecials);

    private static void AppendEscaped(StringBuilder line, string text, string specials)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (specials.Contains(text[i]))
            {
                line.Append(text, start, i - start).Append('\\').Append(text[i]);
                start = i + 1;
            }
        }
        line.Append(text, start, text.Length - start);
    }

    private static int Count(string text, string specials)
    {
        var count = 0;
        foreach (var c in text)
            if (specials.Contains(c))
                count++;
        return count;
    }
}
