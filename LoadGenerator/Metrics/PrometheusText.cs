using System.Globalization;

namespace Analytics.LoadGenerator.Metrics;

/// <summary>
/// Reads one histogram out of a Prometheus text exposition (format 0.0.4; OpenMetrics exemplars and
/// timestamps after the value are ignored). Only what a quantile needs: the <c>le</c> label and the values.
/// </summary>
public static class PrometheusText
{
    /// <summary>The histogram called <paramref name="name"/> (without <c>_bucket</c>), all its series added; null when the text has none.</summary>
    public static HistogramSnapshot? ReadHistogram(string text, string name)
    {
        var buckets = new SortedDictionary<double, double>();
        double sum = 0, count = 0;
        var found = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith(name, StringComparison.Ordinal)) continue;
            if (!TryParseSample(line, out var metric, out var labels, out var value)) continue;
            if (metric == name + "_bucket" && Label(labels, "le") is { } le && TryParseNumber(le, out var bound))
            {
                buckets[bound] = buckets.GetValueOrDefault(bound) + value;
                found = true;
            }
            else if (metric == name + "_sum") sum += value;
            else if (metric == name + "_count") count += value;
        }
        return found ? new HistogramSnapshot([.. buckets.Select(b => new HistogramBucket(b.Key, b.Value))], sum, count) : null;
    }

    private static bool TryParseSample(string line, out string metric, out string labels, out double value)
    {
        value = 0;
        labels = "";
        var nameEnd = line.IndexOfAny(['{', ' ', '\t']);
        if (nameEnd < 0)
        {
            metric = line;
            return false;
        }
        metric = line[..nameEnd];
        var rest = line[nameEnd..];
        if (rest[0] == '{')
        {
            var close = LabelsEnd(rest);
            if (close < 0) return false;
            labels = rest[1..close];
            rest = rest[(close + 1)..];
        }
        var fields = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 0 && TryParseNumber(fields[0], out value);
    }

    // The closing brace, skipping quoted label values, which may hold braces and escaped quotes.
    private static int LabelsEnd(string text)
    {
        var quoted = false;
        for (var i = 1; i < text.Length; i++)
        {
            if (quoted && text[i] == '\\') i++;
            else if (text[i] == '"') quoted = !quoted;
            else if (!quoted && text[i] == '}') return i;
        }
        return -1;
    }

    private static string? Label(string labels, string wanted)
    {
        var i = 0;
        while (i < labels.Length)
        {
            var eq = labels.IndexOf('=', i);
            if (eq < 0 || eq + 1 >= labels.Length || labels[eq + 1] != '"') return null;
            var key = labels[i..eq].Trim();
            var value = new System.Text.StringBuilder();
            var j = eq + 2;
            for (; j < labels.Length && labels[j] != '"'; j++)
            {
                if (labels[j] == '\\' && j + 1 < labels.Length)
                {
                    j++;
                    value.Append(labels[j] == 'n' ? '\n' : labels[j]);
                }
                else value.Append(labels[j]);
            }
            if (key == wanted) return value.ToString();
            i = labels.IndexOf(',', j) is var comma and >= 0 ? comma + 1 : labels.Length;
        }
        return null;
    }

    private static bool TryParseNumber(string text, out double value)
    {
        switch (text)
        {
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
