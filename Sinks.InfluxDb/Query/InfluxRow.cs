using System.Globalization;

namespace Analytics.Sinks.InfluxDb.Query;

/// <summary>
/// One row of a series. Values are as JSON gave them: <see cref="string"/>, <see cref="long"/> for whole numbers,
/// <see cref="double"/> otherwise, <see cref="bool"/>, or null. JSON does not keep InfluxDB's float/integer
/// distinction (a float 2.0 arrives as 2), so read numbers with <see cref="GetDouble"/> or <see cref="GetInt64"/>.
/// </summary>
public sealed class InfluxRow
{
    internal InfluxRow(InfluxSeries series, IReadOnlyList<object?> values)
    {
        Series = series;
        Values = values;
    }

    public InfluxSeries Series { get; }

    /// <summary>The series' measurement name.</summary>
    public string Measurement => Series.Name;

    /// <summary>The series' GROUP BY tags.</summary>
    public IReadOnlyDictionary<string, string> Tags => Series.Tags;

    public IReadOnlyList<object?> Values { get; }

    public object? this[string column] => Values[Series.IndexOf(column)];

    /// <summary>The <c>time</c> column in epoch milliseconds (the client asks for <c>epoch=ms</c>).</summary>
    public long Time => GetInt64("time");

    public bool Has(string column) => Series.HasColumn(column) && this[column] is not null;

    public double GetDouble(string column) => Convert.ToDouble(Require(column), CultureInfo.InvariantCulture);

    public long GetInt64(string column) => Require(column) switch
    {
        long whole => whole,
        var other => throw new InvalidCastException($"Column '{column}' holds {other}, not a whole number."),
    };

    public string? GetString(string column) => (string?)this[column];

    private object Require(string column) => this[column] ?? throw new InvalidCastException($"Column '{column}' is null in this row.");
}
