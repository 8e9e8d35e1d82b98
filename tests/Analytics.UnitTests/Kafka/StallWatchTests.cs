using Analytics.Streaming.Kafka.Providers;
using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.UnitTests.Kafka;

/// <summary>When the feed checks a quiet partition against the broker, and from where a new consumer would go on: on a fake clock.</summary>
public sealed class StallWatchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
    private readonly StallWatch _stalls = new(Timeout);

    [Fact]
    public void A_partition_quiet_for_the_timeout_is_checked_once_per_timeout_and_a_record_restarts_the_count()
    {
        var buffer = new PartitionBuffer(_time);
        buffer.Accept(buffer.Invalidate(), offset: 40);
        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.False(_stalls.Stalled(3, buffer.QuietSince, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_stalls.Stalled(3, buffer.QuietSince, _time.GetUtcNow()));
        Assert.False(_stalls.Stalled(3, buffer.QuietSince, _time.GetUtcNow() + Timeout - TimeSpan.FromSeconds(1)));

        _time.Advance(TimeSpan.FromSeconds(5));
        buffer.Add(Record(40));
        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.False(_stalls.Stalled(3, buffer.QuietSince, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_stalls.Stalled(3, buffer.QuietSince, _time.GetUtcNow()));
    }

    [Fact]
    public void A_partition_taking_up_a_new_position_is_never_stalled()
    {
        var buffer = new PartitionBuffer(_time);
        buffer.Invalidate();
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(_stalls.Stalled(0, buffer.QuietSince, _time.GetUtcNow()));
    }

    [Fact]
    public void A_new_consumer_goes_on_after_the_last_record_taken_and_records_fetched_twice_are_taken_once()
    {
        var buffer = new PartitionBuffer(_time);
        buffer.Accept(buffer.Invalidate(), offset: 7);
        Assert.Equal(7, buffer.Next);
        foreach (var offset in new long[] { 7, 8, 9 }) buffer.Add(Record(offset));
        Assert.Equal(10, buffer.Next);

        foreach (var offset in new long[] { 8, 9, 10 }) buffer.Add(Record(offset));
        Assert.Equal([7, 8, 9, 10], buffer.Take(100).Select(r => r.Offset.Value));
        Assert.Equal(11, buffer.Next);
    }

    private static ConsumeResult<byte[], byte[]> Record(long offset) =>
        new() { Offset = offset, Message = new Message<byte[], byte[]> { Key = [], Value = [] } };
}
