using System.Text;

namespace Analytics.Sinks.InfluxDb.LineProtocol;

/// <summary>
/// One point: measurement, tags, fields and a timestamp in epoch milliseconds. Checked when built (see
/// <see cref="LineProtocolRules"/>), so any point that exists can be written. Tags and fields are kept
/// sorted by key, the order InfluxDB stores them in; a tag with an empty value is left out, which is how
/// InfluxDB represents a missing tag anyway. Writing the same measurement, tags and timestamp again
/// replaces the fields: that is what makes re-sending after a crash harmless.
/// </summary>
public sealed class MetricPoint
{
    public MetricPoint(
        string measurement,
        IReadOnlyDictionary<string, string>? tags,
        IReadOnlyDictionary<string, FieldValue> fields,
        long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(fields);
        LineProtocolRules.CheckMeasurement(measurement);
        LineProtocolRules.CheckTimestamp(timestampMs);

        var seriesKeyBytes = LineProtocolText.EscapedMeasurementLength(measurement);
        var sortedTags = new List<KeyValuePair<string, string>>(tags?.Count ?? 0);
        foreach (var (key, value) in tags ?? EmptyTags)
        {
            ArgumentNullException.ThrowIfNull(value, $"tag {key}");
            LineProtocolRules.CheckTagKey(key);
            LineProtocolRules.CheckTagValue(key, value);
            if (value.Length == 0)
                continue;
            sortedTags.Add(new(key, value));
            seriesKeyBytes += 2 + LineProtocolText.EscapedTagLength(key) + LineProtocolText.EscapedTagLength(value);
        }
        sortedTags.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

        if (fields.Count == 0)
            throw new InvalidMetricPointException("Invalid metric point: it has no field; line protocol needs at least one.");
        var sortedFields = new List<KeyValuePair<string, FieldValue>>(fields.Count);
        var longestFieldKey = 0;
        foreach (var (key, value) in fields)
        {
            LineProtocolRules.CheckFieldKey(key);
            LineProtocolRules.CheckFieldValue(key, value);
            if (tags is not null && tags.ContainsKey(key))
                throw new InvalidMetricPointException($"Invalid metric point: '{key}' is both a tag and a field key; queries could not tell them apart.");
            sortedFields.Add(new(key, value));
            longestFieldKey = Math.Max(longestFieldKey, Encoding.UTF8.GetByteCount(key));
        }
        sortedFields.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        LineProtocolRules.CheckKeyLength(seriesKeyBytes, longestFieldKey);

        Measurement = measurement;
        Tags = sortedTags;
        Fields = sortedFields;
        TimestampMs = timestampMs;
    }

    /// <summary>A point with one field, the common shape of a metric window.</summary>
    public MetricPoint(string measurement, IReadOnlyDictionary<string, string>? tags, string field, FieldValue value, long timestampMs)
        : this(measurement, tags, new Dictionary<string, FieldValue> { [field] = value }, timestampMs)
    {
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>();

    public string Measurement { get; }

    /// <summary>Tags sorted by key (ordinal); empty values are not kept.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags { get; }

    /// <summary>Fields sorted by key (ordinal).</summary>
    public IReadOnlyList<KeyValuePair<string, FieldValue>> Fields { get; }

    public long TimestampMs { get; }

    /// <summary>The point as one line of line protocol with a millisecond timestamp, without the line break.</summary>
    public override string ToString() => LineProtocolWriter.Append(new StringBuilder(), this).ToString();
}
