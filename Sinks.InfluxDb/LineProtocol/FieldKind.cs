namespace Analytics.Sinks.InfluxDb.LineProtocol;

/// <summary>The line protocol types a field can carry; a field keeps one type per shard in InfluxDB.</summary>
public enum FieldKind
{
    Double,
    Integer,
    String,
}
