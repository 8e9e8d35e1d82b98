namespace Analytics.Sinks.InfluxDb.Query;

/// <summary>One series of a statement's answer: a measurement (or a SHOW listing), its GROUP BY tags, columns and rows.</summary>
public sealed class InfluxSeries
{
    private readonly Dictionary<string, int> _columnIndex;

    internal InfluxSeries(string name, IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<object?>> values)
    {
        Name = name;
        Tags = tags;
        Columns = columns;
        _columnIndex = new Dictionary<string, int>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
            _columnIndex.TryAdd(columns[i], i);
        Rows = values.Select(row => new InfluxRow(this, row)).ToList();
    }

    /// <summary>The measurement name; empty for listings without one (SHOW RETENTION POLICIES).</summary>
    public string Name { get; }

    /// <summary>The tags the series was grouped by (GROUP BY); empty without GROUP BY.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<InfluxRow> Rows { get; }

    internal int IndexOf(string column) =>
        _columnIndex.TryGetValue(column, out var index) ? index : throw new KeyNotFoundException($"The series '{Name}' has no column '{column}'.");

    internal bool HasColumn(string column) => _columnIndex.ContainsKey(column);
}
