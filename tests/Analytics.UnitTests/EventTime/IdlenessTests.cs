using Analytics.Streaming.Kafka.EventTime;
using Analytics.Streaming.Kafka.Providers;
using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.UnitTests.EventTime;

/// <summary>A partition reader's idleness, driven by its buffer as the Kafka feed fills it, on a fake clock.</summary>
public sealed class IdlenessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));

    private bool IsIdle(PartitionBuffer buffer, long end, long position) =>
        Idleness.IsIdle(end, position, buffer.Count, buffer.QuietSince, _time.GetUtcNow(), Timeout);

    [Fact]
    public void A_reader_whose_position_is_not_taken_up_yet_is_moving_and_never_idle()
    {
        var buffer = new PartitionBuffer(_time);
        buffer.Invalidate();
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(IsIdle(buffer, end: 0, position: 0));
    }

    [Fact]
    public void A_caught_up_reader_is_idle_the_idle_timeout_after_reading_started_and_wakes_with_a_record()
    {
        var buffer = new PartitionBuffer(_time);
        buffer.Accept(buffer.Invalidate(), offset: 0);
        _time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(IsIdle(buffer, end: 0, position: 0));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(IsIdle(buffer, end: 0, position: 0));

        buffer.Add(Record(0));
        Assert.False(IsIdle(buffer, end: 1, position: 0)); // a record waits to be handed on
        buffer.Take(10);
        Assert.False(IsIdle(buffer, end: 1, position: 1)); // handed on, but it just came
        _time.Advance(Timeout);
        Assert.True(IsIdle(buffer, end: 1, position: 1));
    }

    [Fact]
    public void A_restarted_reader_behind_the_end_the_broker_reports_is_not_idle_however_quiet()
    {
        // A silo that read this partition before may have a stale cached end offset; the broker's answer at start counts.
        var buffer = new PartitionBuffer(_time);
        buffer.Accept(buffer.Invalidate(), offset: 0);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(IsIdle(buffer, end: Math.Max(-1, 500), position: 120));
        Assert.False(IsIdle(buffer, end: -1, position: 120));
    }

    [Fact]
    public void A_seek_makes_the_reader_wait_the_whole_idle_timeout_again()
    {
        var buffer = new PartitionBuffer(_time);
        buffer.Accept(buffer.Invalidate(), offset: 0);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(IsIdle(buffer, end: 10, position: 10));
        var generation = buffer.Invalidate();
        Assert.False(IsIdle(buffer, end: 10, position: 10));
        buffer.Accept(generation, offset: 0);
        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.False(IsIdle(buffer, end: 10, position: 10));
    }

    private static ConsumeResult<byte[], byte[]> Record(long offset) =>
        new() { Offset = offset, Message = new Message<byte[], byte[]> { Key = [], Value = [] } };
}
