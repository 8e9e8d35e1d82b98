namespace Analytics.Grains.Interfaces.Events.Wire;

/// <summary>
/// The <see cref="Dimensions"/> of an event on Kafka: its eight values in the order of the record. They repeat across
/// events (a few browsers, sources and campaigns), so they are read back through the <see cref="StringPool"/>.
/// </summary>
public static class DimensionsWireFormat
{
    public static void Write(ref WireWriter w, Dimensions d)
    {
        w.String(d.Source);
        w.String(d.UtmSource);
        w.String(d.UtmMedium);
        w.String(d.UtmCampaign);
        w.String(d.Browser);
        w.String(d.Os);
        w.String(d.Device);
        w.String(d.Country);
    }

    public static Dimensions Read(ref WireReader r) => new(
        r.PooledString(), r.PooledString(), r.PooledString(), r.PooledString(),
        r.PooledString(), r.PooledString(), r.PooledString(), r.PooledString());
}
