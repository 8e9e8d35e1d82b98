using System.Globalization;
using System.Text;

namespace Analytics.Sinks.InfluxDb.LineProtocol;

/// <summary>Formats points as InfluxDB line protocol with millisecond precision (<c>precision=ms</c>).</summary>
public static class LineProtocolWriter
{
    /// <summary>Appends one line, without the line break.</summary>
    public static StringBuilder Append(StringBuilder line, MetricPoint point)
    {
        LineProtocolText.AppendMeasurement(line, point.Measurement);
        foreach (var (key, value) in point.Tags)
        {
            line.Append(',');
            LineProtocolText.AppendTag(line, key);
            line.Append('=');
            LineProtocolText.AppendTag(line, value);
        }
        var separator = ' ';
        foreach (var (key, value) in point.Fields)
        {
            line.Append(separator);
            separator = ',';
            LineProtocolText.AppendFieldKey(line, key);
            line.Append('=');
            AppendValue(line, value);
        }
        return line.Append(' ').Append(point.TimestampMs.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Appends every point, each line ended by '\n'.</summary>
    public static StringBuilder AppendAll(StringBuilder body, IEnumerable<MetricPoint> points)
    {
        foreach (var point in points)
            Append(body, point).Append('\n');
        return body;
    }

    private static void AppendValue(StringBuilder line, FieldValue value)
    {
        switch (value.Kind)
        {
            // "R" gives the shortest text that parses back to the same double; InfluxDB accepts its exponent form.
            case FieldKind.Double:
                line.Append(value.Double.ToString("R", CultureInfo.InvariantCulture));
                break;
            case FieldKind.Integer:
                line.Append(value.Integer.ToString(CultureInfo.InvariantCulture)).Append('i');
                break;
            default:
                LineProtocolText.AppendStringField(line, value.Text!);
                break;
        }
    }
}
