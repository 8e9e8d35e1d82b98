using Analytics.Streaming.Kafka;
using Analytics.Streaming.Kafka.EventTime;
using Analytics.Streaming.Kafka.Progress;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.UnitTests.EventTime;

/// <summary>The coordinator's book on a fake clock: two partitions, one stream each.</summary>
public sealed class ProgressBookTests
{
    private static readonly EventTimeRules Rules = new(MaxOutOfOrdernessMs: 2000, AllowedLatenessMs: 0);
    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(1);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly ProgressState _state = new();
    private readonly ProgressBook _book;
    private readonly Guid _reader0 = Guid.NewGuid(), _reader1 = Guid.NewGuid();

    public ProgressBookTests() => _book = new ProgressBook(_state, Rules, partitions: 2, ReportTimeout, TimeSpan.FromSeconds(30), _time);

    private static PartitionReport Report(int partition, Guid reader, long position, long time, bool idle = false, ResumePoint? resume = null, long lastHanded = -1) =>
        new(partition, reader, position, time, idle, position, [lastHanded], resume ?? new ResumePoint(position, time), 0, ResumePoint.Start);

    [Fact]
    public void Watermarks_wait_for_every_partition_to_be_read()
    {
        var view = _book.Exchange([Report(0, _reader0, 10, 30_000)]);
        Assert.Equal(EventTimeRules.None, view.Watermark);
        view = _book.Exchange([Report(1, _reader1, 10, 20_000)]);
        Assert.Equal(18_000, view.Watermark);
        Assert.Equal(18_000, _state.FinalWatermark);
    }

    [Fact]
    public void The_final_watermark_is_shown_only_once_saved()
    {
        var view = _book.Exchange([Report(0, _reader0, 10, 30_000), Report(1, _reader1, 10, 20_000)]);
        Assert.Equal(18_000, _state.FinalWatermark);
        Assert.Equal(EventTimeRules.None, view.FinalWatermark);
        Assert.Equal(EventTimeRules.None, _book.Progress().FinalWatermark);
        _book.BeginSave();
        view = _book.Exchange([Report(1, _reader1, 10, 25_000)]);
        Assert.Equal(EventTimeRules.None, view.FinalWatermark); // the save has not succeeded yet
        _book.SaveSucceeded();
        Assert.Equal(18_000, _book.Exchange([]).FinalWatermark); // what that save wrote, not what came after it began
        _book.BeginSave();
        _book.SaveSucceeded();
        Assert.Equal(23_000, _book.Exchange([]).FinalWatermark);
        Assert.Equal(23_000, _book.Progress().FinalWatermark);
    }

    [Fact]
    public void When_every_partition_is_idle_the_grid_moves_to_the_largest_and_never_goes_back()
    {
        var view = _book.Exchange([Report(0, _reader0, 10, 30_000, idle: true), Report(1, _reader1, 10, 20_000, idle: true)]);
        Assert.Equal(28_000, view.Watermark);
        Assert.Equal(28_000, _state.FinalWatermark);
        view = _book.Exchange([Report(0, _reader0, 11, 30_000), Report(1, _reader1, 10, 20_000)]);
        Assert.Equal(28_000, view.Watermark);
        Assert.Equal(new PartitionWatermark(28_000, 18_000), view.Watermarks[1]);
    }

    [Fact]
    public void A_reader_that_stops_reporting_leaves_its_partition_unread_and_never_idle()
    {
        _book.Exchange([Report(0, _reader0, 10, 30_000, idle: true), Report(1, _reader1, 10, 20_000, idle: true)]);
        _time.Advance(ReportTimeout);
        var view = _book.Exchange([Report(0, _reader0, 20, 60_000)]);
        Assert.Equal(28_000, view.Watermark); // partition 1's silent reader holds it at 18 s, under the 28 s reached
        Assert.Equal(new PartitionWatermark(28_000, 18_000), view.Watermarks[1]);
    }

    [Fact]
    public void A_stale_reader_after_its_partition_moved_speaks_for_it_no_more()
    {
        _book.Exchange([Report(0, _reader0, 10, 30_000), Report(1, _reader1, 10, 20_000)]);
        _book.Exchange([Report(1, _reader1, 10, 20_000, idle: true) with { Released = true }]);
        var moved = Guid.NewGuid();
        _book.Exchange([Report(1, moved, 10, 20_000)]);
        // The old reader's last words arrive late, claiming idleness and a resume point it has no right to.
        var view = _book.Exchange([Report(1, _reader1, 50, 90_000, idle: true)]);
        Assert.Equal(18_000, view.Watermark);
        Assert.Empty(view.Partitions);
        Assert.True(_book.BeginSave());
        _book.SaveSucceeded();
        Assert.Equal(new ResumePoint(10, 20_000), _book.DurableResumePoint(1));
    }

    [Fact]
    public void A_released_partition_is_not_idle_until_a_new_reader_reports()
    {
        _book.Exchange([Report(0, _reader0, 10, 30_000, idle: true), Report(1, _reader1, 10, 20_000, idle: true)]);
        var view = _book.Exchange([Report(0, _reader0, 30, 90_000), Report(1, _reader1, 10, 20_000, idle: true) with { Released = true }]);
        Assert.Equal(new PartitionWatermark(28_000, 18_000), view.Watermarks[1]);
    }

    [Fact]
    public void A_save_that_fails_moves_no_durable_resume_point()
    {
        _book.Exchange([Report(0, _reader0, 10, 30_000), Report(1, _reader1, 7, 20_000)]);
        Assert.True(_book.BeginSave()); // the write fails: no SaveSucceeded
        Assert.Null(_book.DurableResumePoint(0));
        var view = _book.Exchange([Report(0, _reader0, 12, 30_000), Report(1, _reader1, 7, 20_000)]);
        Assert.All(view.Partitions, p => Assert.Equal(ResumePoint.Start, p.Durable));

        Assert.True(_book.BeginSave());
        _book.SaveSucceeded();
        Assert.Equal(new ResumePoint(12, 30_000), _book.DurableResumePoint(0));
        Assert.Equal(new ResumePoint(7, 20_000), _book.DurableResumePoint(1));
        Assert.False(_book.BeginSave());
    }

    [Fact]
    public void The_final_watermark_waits_for_every_consumers_adoption_and_a_new_consumer_starts_at_it()
    {
        _book.Exchange([Report(0, _reader0, 10, 30_000), Report(1, _reader1, 10, 20_000)]);
        Assert.Equal(18_000, _state.FinalWatermark);
        var registered = _book.Register(new ConsumerCheckpoint("0-0", 9, 30_000, 5_000), out var isNew);
        Assert.True(isNew);
        Assert.Equal(18_000, registered.AdoptedWatermark);

        _book.Exchange([Report(0, _reader0, 20, 40_000), Report(1, _reader1, 20, 40_000)]);
        Assert.Equal(18_000, _state.FinalWatermark); // the consumer has not adopted more
        Assert.False(_book.Checkpointed(new ConsumerCheckpoint("0-0", 19, 40_000, 38_000)));
        Assert.Equal(38_000, _state.FinalWatermark);
    }

    [Fact]
    public void A_lost_consumer_is_woken_and_its_partition_re_read_from_its_checkpoint()
    {
        _book.Register(new ConsumerCheckpoint("0-0", 9, 30_000, EventTimeRules.None), out _);
        _book.Exchange([Report(0, _reader0, 20, 40_000, lastHanded: 19), Report(1, _reader1, 10, 20_000)]);
        Assert.Empty(_book.LostConsumers());
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(["0-0"], _book.LostConsumers());
        var view = _book.Exchange([Report(0, _reader0, 20, 40_000, lastHanded: 19)]);
        Assert.Equal(new ResumePoint(10, 30_000), view.Partitions.Single().Rewind!.To);
    }
}
