using System.Buffers;

namespace Analytics.Grains.Interfaces.Events.Wire;

/// <summary>
/// The compact binary form of an <see cref="AnalyticsEvent"/> on Kafka (format version 1).
/// Layout: a version byte, a flags byte saying which optional fields follow, the type, then the
/// fields in order; strings and integers as <see cref="WireWriter"/> writes them. The dimensions, the user agent and the bot
/// mark came later, each under a flag of its own: a record without them (written before) decodes as having none
/// (<see cref="Dimensions.Unknown"/>, no user agent, not a bot), so the version stayed 1. Fields added after the flags
/// byte was full follow at the end under a second flags byte, written only when one of them is present.
/// The benchmark in bench/ compares it with JSON (bytes per event, encode and decode cost).
/// </summary>
public static class EventWireFormat
{
    public const byte Version = 1;

    [Flags]
    private enum Fields : byte
    {
        None = 0,
        Url = 1,
        Page = 2,
        Referrer = 4,
        Value = 8,
        Props = 16,
        Dimensions = 32,
        UserAgent = 64,
        Bot = 128,
    }

    /// <summary>The second flags byte, after every field of the first.</summary>
    [Flags]
    private enum MoreFields : byte
    {
        None = 0,
        Name = 1,
    }

    public static byte[] Encode(AnalyticsEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + (e.Url?.Length ?? 0) * 2);
        Encode(e, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Encode(AnalyticsEvent e, IBufferWriter<byte> output)
    {
        var fields = Fields.None;
        if (e.Url is not null) fields |= Fields.Url;
        if (e.Page is not null) fields |= Fields.Page;
        if (e.Referrer is not null) fields |= Fields.Referrer;
        if (e.Value is not null) fields |= Fields.Value;
        if (e.Props is { Count: > 0 }) fields |= Fields.Props;
        if (e.Dimensions != Dimensions.Unknown) fields |= Fields.Dimensions;
        if (e.UserAgent is not null) fields |= Fields.UserAgent;
        if (e.Bot) fields |= Fields.Bot;

        var w = new WireWriter(output);
        w.Byte(Version);
        w.Byte((byte)fields);
        w.Byte((byte)e.Type);
        w.String(e.Id);
        w.String(e.Site);
        w.String(e.Visitor);
        w.Long(e.Timestamp);
        w.Long(e.IngestedAtMicros);
        if (e.Url is not null) w.String(e.Url);
        if (e.Page is not null) w.String(e.Page);
        if (e.Referrer is not null) w.String(e.Referrer);
        if (e.Value is { } value) w.Double(value);
        if ((fields & Fields.Props) != 0)
        {
            w.Long(e.Props!.Count);
            foreach (var (key, prop) in e.Props)
            {
                w.String(key);
                if (prop.IsNumber)
                {
                    w.Byte(1);
                    w.Double(prop.Number);
                }
                else
                {
                    w.Byte(0);
                    w.String(prop.Text!);
                }
            }
        }
        if ((fields & Fields.Dimensions) != 0) DimensionsWireFormat.Write(ref w, e.Dimensions);
        if (e.UserAgent is not null) w.String(e.UserAgent);
        if (e.Name is null) return;
        w.Byte((byte)MoreFields.Name);
        w.String(e.Name);
    }

    /// <summary>Decodes one message value.</summary>
    /// <exception cref="FormatException">The bytes are not an event of a known version; the message names what is wrong.</exception>
    public static AnalyticsEvent Decode(ReadOnlySpan<byte> data)
    {
        var r = new WireReader(data);
        var version = r.Byte();
        if (version != Version) throw new FormatException($"unknown wire format version {version}");
        var fields = (Fields)r.Byte();
        var type = (EventType)r.Byte();
        if (!EventTypes.IsDefined(type)) throw new FormatException($"unknown event type {(byte)type}");
        var id = r.String();
        var site = r.PooledString();
        var visitor = r.String();
        var timestamp = r.Long();
        var ingestedAt = r.Long();
        var url = (fields & Fields.Url) != 0 ? r.String() : null;
        var page = (fields & Fields.Page) != 0 ? r.PooledString() : null;
        var referrer = (fields & Fields.Referrer) != 0 ? r.String() : null;
        double? value = (fields & Fields.Value) != 0 ? r.Double() : null;
        Dictionary<string, PropertyValue>? props = null;
        if ((fields & Fields.Props) != 0)
        {
            var count = r.Long();
            if (count is < 1 or > EventRules.PropsMaxEntries) throw new FormatException($"bad props count {count}");
            props = new Dictionary<string, PropertyValue>((int)count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = r.String();
                props[key] = r.Byte() switch
                {
                    0 => PropertyValue.Of(r.String()),
                    1 => PropertyValue.Of(r.Double()),
                    var tag => throw new FormatException($"bad property tag {tag}"),
                };
            }
        }
        var dimensions = (fields & Fields.Dimensions) != 0 ? DimensionsWireFormat.Read(ref r) : Dimensions.Unknown;
        var userAgent = (fields & Fields.UserAgent) != 0 ? r.PooledString() : null;
        var more = r.AtEnd ? MoreFields.None : (MoreFields)r.Byte();
        if ((more & ~MoreFields.Name) != 0) throw new FormatException($"unknown fields {(byte)more} in the second flags byte");
        var name = (more & MoreFields.Name) != 0 ? r.PooledString() : null;
        if (!r.AtEnd) throw new FormatException("trailing bytes after the event");
        if (id.Length == 0 || site.Length == 0 || visitor.Length == 0) throw new FormatException("empty id, site or visitor");
        return new AnalyticsEvent(id, type, site, visitor, timestamp, url, page, referrer, value, props, ingestedAt)
        {
            Dimensions = dimensions,
            UserAgent = userAgent,
            Bot = (fields & Fields.Bot) != 0,
            Name = name,
        };
    }
}
