using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Grains.Shards;
using Analytics.Reference;
using Analytics.UnitTests.Windows;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Analytics.UnitTests.Shards;

/// <summary>A shard's saved state, read back, must go on counting as if the shard had never stopped.</summary>
public sealed class ShardStateFormatTests
{
    private static readonly Serializer<ShardState> Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(ShardState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer<ShardState>>();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_shard_restored_mid_log_ends_with_the_reference_windows(int seed)
    {
        var log = ReferenceLogs.Shuffled(ReferenceLogs.WithDuplicates(ReferenceLogs.Visits(seed), share: 0.1, seed), seed);
        var before = new ShardWindows(new ShardState(), ReferenceLogs.SessionGap);
        var half = log.Count / 2;
        foreach (var e in log.Take(half))
        {
            if (!before.IsDuplicate(e)) before.Apply(e);
        }

        // Through Orleans' serializer, as grain storage saves it.
        var after = new ShardWindows(Serializer.Deserialize(Serializer.SerializeToArray(before.State))!, ReferenceLogs.SessionGap);
        foreach (var e in log.Skip(half))
        {
            if (!after.IsDuplicate(e)) after.Apply(e);
        }
        after.TakeDirtySites();

        var counted = log.DistinctBy(e => (e.Visitor, e.Id)).ToList();
        ShardWindowsTests.AssertEqual(ReferenceMetrics.Compute(counted, ReferenceLogs.SessionGap), after.State);
    }

    [Fact]
    public void A_small_state_saved_after_a_large_one_comes_back_alone()
    {
        var large = new ShardWindows(new ShardState(), ReferenceLogs.SessionGap);
        foreach (var e in ReferenceLogs.Visits(seed: 5)) large.Apply(e);
        var small = new ShardState();
        small.Stream.LastOffset = 7;

        Serializer.SerializeToArray(large.State);
        var back = Serializer.Deserialize(Serializer.SerializeToArray(small))!;

        Assert.Equal(7, back.Stream.LastOffset);
        Assert.Empty(back.Sites);
    }

    [Fact]
    public void The_stream_position_and_late_events_come_back_as_saved()
    {
        var state = new ShardState();
        state.Stream.LastOffset = 4_711;
        state.Stream.PartitionTime = ReferenceLogs.Start + 12_345;
        state.Stream.AdoptedWatermark = long.MinValue;
        var late = ReferenceLogs.Visits(seed: 3).Take(5).ToList();
        late[0] = late[0] with { Value = 12.5, Props = new Dictionary<string, PropertyValue> { ["plan"] = PropertyValue.Of("pro"), ["n"] = PropertyValue.Of(3) } };
        late[1] = late[1] with { Dimensions = new Dimensions("Google", "mail", "email", "winter", "Mobile Safari", "iOS", "mobile", "FR") };
        state.LateEvents.AddRange(late);

        var back = ShardStateFormat.Read(Bytes(state));

        Assert.Equal((4_711L, ReferenceLogs.Start + 12_345, long.MinValue), (back.Stream.LastOffset, back.Stream.PartitionTime, back.Stream.AdoptedWatermark));
        Assert.Equal(late.Select(EventWireFormat.Encode), back.LateEvents.Select(EventWireFormat.Encode));
        Assert.Equal(late.Select(e => e.Dimensions), back.LateEvents.Select(e => e.Dimensions));
    }

    [Fact]
    public void Sessions_keep_their_first_events_dimensions_and_unstored_events_come_back()
    {
        var state = new ShardState();
        var windows = new ShardWindows(state, ReferenceLogs.SessionGap);
        var google = new Dimensions("Google", "mail", "email", "winter", "Mobile Safari", "iOS", "mobile", "FR");
        var events = ReferenceLogs.Visits(seed: 6).Take(40).Select((e, i) => i % 2 == 0 ? e with { Dimensions = google } : e).ToList();
        foreach (var e in events) windows.Apply(e);
        state.Unstored.AddRange(events.Take(7));

        var back = ShardStateFormat.Read(Bytes(state));

        var sessions = state.Sites.Values.SelectMany(s => s.Visitors.Values).SelectMany(v => v.Sessions).ToList();
        Assert.Contains(sessions, s => s.Dimensions == google);
        Assert.Equal(sessions, back.Sites.Values.SelectMany(s => s.Visitors.Values).SelectMany(v => v.Sessions));
        Assert.Equal(events.Take(7).Select(EventWireFormat.Encode), back.Unstored.Select(EventWireFormat.Encode));
    }

    [Fact]
    public void A_state_saved_in_version_1_reads_with_unknown_session_dimensions_and_nothing_unstored()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var w = new WireWriter(buffer);
        w.Byte(1);
        w.Long(99); w.Long(ReferenceLogs.Start); w.Long(long.MinValue);
        w.Long(1); w.String("a.com"); w.Long(3); w.Long(0);
        w.Long(1); w.String("v"); w.Long(1); w.Long(ReferenceLogs.Start); w.Long(5_000); w.Long(3); w.Long(2);
        w.Long(0); w.Long(0);
        w.Long(0);

        var back = ShardStateFormat.Read(buffer.WrittenSpan);

        var session = Assert.Single(back.Sites["a.com"].Visitors["v"].Sessions);
        Assert.Equal(new Session(ReferenceLogs.Start, ReferenceLogs.Start + 5_000, 3, 2, Dimensions.Unknown, 0), session);
        Assert.Empty(back.Unstored);
        Assert.Equal(99, back.Stream.LastOffset);
    }

    [Fact]
    public void Damaged_bytes_are_refused_with_what_is_wrong()
    {
        var state = new ShardState();
        new ShardWindows(state, ReferenceLogs.SessionGap).Apply(ReferenceLogs.Visits(seed: 4)[0]);
        var bytes = Bytes(state);

        Assert.Equal("unknown shard state version 9", Assert.Throws<FormatException>(() => ShardStateFormat.Read([9, .. bytes[1..]])).Message);
        Assert.StartsWith("truncated at byte", Assert.Throws<FormatException>(() => ShardStateFormat.Read(bytes[..^3])).Message);
        Assert.Equal("trailing bytes after the shard state", Assert.Throws<FormatException>(() => ShardStateFormat.Read([.. bytes, 0])).Message);
    }

    private static byte[] Bytes(ShardState state)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        ShardStateFormat.Write(state, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
