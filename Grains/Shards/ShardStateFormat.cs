using System.Buffers;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Streaming.Kafka.Consumers;

namespace Analytics.Grains.Shards;

/// <summary>
/// The stored form of a <see cref="ShardState"/> (version 2; version 1, without sessions' dimensions and unstored
/// events, is still read). A shard saves its whole state at every checkpoint and
/// cannot take events meanwhile, so the format is written for speed: a flat run of varints and strings, with no
/// field tags or object references (the generic serializer took ~2.5 µs per visitor and 166 B; this takes a
/// fraction of both, see bench/RESULTS.md). Layout: version; stream checkpoint; sites, each with its event count,
/// windows and visitors; late events, then unstored events, in their Kafka wire format.
/// </summary>
internal static class ShardStateFormat
{
    public const byte Version = 2;

    /// <summary>The first form: no session dimensions or first-event ids, no unstored events.</summary>
    private const byte Version1 = 1;

    public static void Write(ShardState state, IBufferWriter<byte> output)
    {
        var w = new WireWriter(output);
        w.Byte(Version);
        w.Long(state.Stream.LastOffset);
        w.Long(state.Stream.PartitionTime);
        w.Long(state.Stream.AdoptedWatermark);
        w.Long(state.Sites.Count);
        foreach (var (name, site) in state.Sites)
        {
            w.String(name);
            w.Long(site.Events);
            w.Long(site.Windows.Count);
            foreach (var (key, cell) in site.Windows)
            {
                w.Byte((byte)key.Family);
                w.Long(key.Start);
                w.Byte(key.Page is null ? (byte)0 : (byte)1);
                if (key.Page is not null) w.String(key.Page);
                w.Long(cell.Value.A);
                w.Long(cell.Value.B);
                w.Long(cell.Value.C);
            }
            w.Long(site.Visitors.Count);
            foreach (var (id, visitor) in site.Visitors) WriteVisitor(ref w, id, visitor);
        }
        var events = new ArrayBufferWriter<byte>();
        WriteEvents(ref w, state.LateEvents, events);
        WriteEvents(ref w, state.Unstored, events);
    }

    private static void WriteEvents(ref WireWriter w, List<AnalyticsEvent> list, ArrayBufferWriter<byte> buffer)
    {
        w.Long(list.Count);
        foreach (var e in list)
        {
            buffer.ResetWrittenCount();
            EventWireFormat.Encode(e, buffer);
            w.Bytes(buffer.WrittenSpan);
        }
    }

    /// <exception cref="FormatException">The bytes are not a shard state of a known version.</exception>
    public static ShardState Read(ReadOnlySpan<byte> data)
    {
        var r = new WireReader(data);
        var version = r.Byte();
        if (version is not (Version or Version1)) throw new FormatException($"unknown shard state version {version}");
        var state = new ShardState
        {
            Stream = new StreamCheckpoint { LastOffset = r.Long(), PartitionTime = r.Long(), AdoptedWatermark = r.Long() },
        };
        for (var sites = r.Count(); sites > 0; sites--)
        {
            var name = r.PooledString();
            var site = new SiteWindows { Name = name, Events = r.Long() };
            var windows = r.Count();
            site.Windows.EnsureCapacity(windows);
            for (; windows > 0; windows--)
            {
                var family = (WindowFamily)r.Byte();
                var start = r.Long();
                var page = r.Byte() != 0 ? r.PooledString() : null;
                site.Windows[new WindowKey(family, start, page)] = new WindowCell { Value = new WindowValue(r.Long(), r.Long(), r.Long()) };
            }
            var visitors = r.Count();
            site.Visitors.EnsureCapacity(visitors);
            for (; visitors > 0; visitors--) ReadVisitor(ref r, site.Visitors, version);
            state.Sites[name] = site;
        }
        for (var late = r.Count(); late > 0; late--) state.LateEvents.Add(EventWireFormat.Decode(r.Bytes()));
        if (version >= Version)
        {
            for (var unstored = r.Count(); unstored > 0; unstored--) state.Unstored.Add(EventWireFormat.Decode(r.Bytes()));
        }
        if (!r.AtEnd) throw new FormatException("trailing bytes after the shard state");
        return state;
    }

    // A visitor's times are close to each other: each is written as its distance from the one before, which
    // takes one to three bytes instead of six.
    private static void WriteVisitor(ref WireWriter w, string id, VisitorState visitor)
    {
        w.String(id);
        var previous = 0L;
        w.Long(visitor.Sessions.Count);
        foreach (var s in visitor.Sessions)
        {
            w.Long(s.First - previous);
            w.Long(s.Last - s.First);
            w.Long(s.Events);
            w.Long(s.PageViews);
            DimensionsWireFormat.Write(ref w, s.Dimensions);
            w.Fixed64(s.FirstId);
            previous = s.Last;
        }
        previous = 0;
        w.Long(visitor.Buckets.Count);
        foreach (var b in visitor.Buckets)
        {
            w.Long(b.Bucket - previous);
            w.Byte(b.Converted ? (byte)1 : (byte)0);
            previous = b.Bucket;
        }
        previous = 0;
        w.Long(visitor.Ids.Count);
        foreach (var seen in visitor.Ids)
        {
            w.Fixed64(seen.Hash);
            w.Long(seen.Timestamp - previous);
            previous = seen.Timestamp;
        }
    }

    private static void ReadVisitor(ref WireReader r, Dictionary<string, VisitorState> visitors, byte version)
    {
        var id = r.String();
        var visitor = new VisitorState();
        var previous = 0L;
        var sessions = r.Count();
        visitor.Sessions.Capacity = sessions;
        for (; sessions > 0; sessions--)
        {
            var first = previous + r.Long();
            previous = first + r.Long();
            var (events, pageViews) = ((int)r.Long(), (int)r.Long());
            var (dimensions, firstId) = version >= Version ? (DimensionsWireFormat.Read(ref r), r.Fixed64()) : (Dimensions.Unknown, 0UL);
            visitor.Sessions.Add(new Session(first, previous, events, pageViews, dimensions, firstId));
        }
        previous = 0;
        var buckets = r.Count();
        visitor.Buckets.Capacity = buckets;
        for (; buckets > 0; buckets--)
        {
            previous += r.Long();
            visitor.Buckets.Add(new Presence(previous, r.Byte() != 0));
        }
        previous = 0;
        var ids = r.Count();
        visitor.Ids.Capacity = ids;
        for (; ids > 0; ids--)
        {
            var hash = r.Fixed64();
            previous += r.Long();
            visitor.Ids.Add(new SeenId(hash, previous));
        }
        visitors[id] = visitor;
    }
}
