namespace Analytics.Sinks.InfluxDb.LineProtocol;

/// <summary>
/// One field value: a double, a 64-bit integer or a string. Metric windows are numbers; strings exist for the
/// rare label that must not become a tag (a tag is indexed, so an unbounded value would grow the series index).
/// </summary>
public readonly record struct FieldValue
{
    private FieldValue(FieldKind kind, double number, long integer, string? text)
    {
        Kind = kind;
        Double = number;
        Integer = integer;
        Text = text;
    }

    public FieldKind Kind { get; }

    public double Double { get; }

    public long Integer { get; }

    public string? Text { get; }

    public static FieldValue From(double value) => new(FieldKind.Double, value, 0, null);

    public static FieldValue From(long value) => new(FieldKind.Integer, 0, value, null);

    public static FieldValue From(string value) => new(FieldKind.String, 0, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static implicit operator FieldValue(double value) => From(value);

    public static implicit operator FieldValue(long value) => From(value);

    public static implicit operator FieldValue(int value) => From((long)value);

    public static implicit operator FieldValue(string value) => From(value);
}
