using Analytics.Streaming.Kafka.EventTime;

namespace Analytics.UnitTests.EventTime;

public sealed class GridWatermarkTests
{
    private static readonly EventTimeRules Rules = new(MaxOutOfOrdernessMs: 2000, AllowedLatenessMs: 0);

    private static PartitionStatus Busy(long time, long resume) => new(time, resume, Idle: false, EverythingSaved: false);

    private static PartitionStatus Idle(long time, bool saved = true) => new(time, time, Idle: true, EverythingSaved: saved);

    [Fact]
    public void The_grid_watermark_is_the_smallest_of_the_partitions_that_are_not_idle()
    {
        Assert.Equal(8_000, GridWatermark.Of(Rules, [Busy(10_000, 10_000), Busy(30_000, 30_000), Idle(5_000)]));
    }

    [Fact]
    public void When_every_partition_is_idle_the_grid_watermark_is_the_largest()
    {
        Assert.Equal(28_000, GridWatermark.Of(Rules, [Idle(10_000), Idle(30_000), Idle(5_000)]));
    }

    [Fact]
    public void A_partition_without_records_that_is_read_holds_the_grid_back_until_idle()
    {
        Assert.Equal(EventTimeRules.None, GridWatermark.Of(Rules, [Busy(EventTimeRules.None, EventTimeRules.None), Busy(30_000, 30_000)]));
    }

    [Fact]
    public void The_final_watermark_waits_for_records_in_flight_and_for_every_consumers_adoption()
    {
        PartitionStatus[] partitions = [Busy(30_000, resume: 12_000), Busy(30_000, resume: 30_000)];
        Assert.Equal(10_000, GridWatermark.Final(Rules, grid: 28_000, partitions, smallestAdopted: long.MaxValue));
        Assert.Equal(9_000, GridWatermark.Final(Rules, grid: 28_000, partitions, smallestAdopted: 9_000));
        Assert.Equal(28_000, GridWatermark.Final(Rules, grid: 28_000, [Busy(30_000, 30_000)], smallestAdopted: long.MaxValue));
    }

    [Fact]
    public void An_idle_partition_holds_the_final_watermark_back_only_while_it_has_unsaved_records()
    {
        Assert.Equal(28_000, GridWatermark.Final(Rules, grid: 28_000, [Busy(30_000, 30_000), Idle(1_000, saved: true)], long.MaxValue));
        Assert.Equal(-1_000, GridWatermark.Final(Rules, grid: 28_000, [Busy(30_000, 30_000), Idle(1_000, saved: false)], long.MaxValue));
    }

    [Fact]
    public void Consumers_of_a_busy_partition_may_adopt_up_to_its_resume_watermark_and_of_an_idle_one_the_grids()
    {
        Assert.Equal(new PartitionWatermark(28_000, 10_000), GridWatermark.For(Rules, 28_000, Busy(30_000, resume: 12_000)));
        Assert.Equal(new PartitionWatermark(28_000, 28_000), GridWatermark.For(Rules, 28_000, Idle(1_000)));
    }

    [Fact]
    public void Consumers_of_an_idle_partition_still_applying_what_was_handed_on_adopt_no_more_than_its_resume_watermark()
    {
        // The reader handed every record on and went quiet; the records wait in the consumers' queue. Every partition is idle,
        // so the grid's watermark is the largest: adopting it would make those records late.
        var handedNotSaved = new PartitionStatus(PartitionTime: 90_000, ResumePartitionTime: 12_000, Idle: true, EverythingSaved: false);
        Assert.Equal(new PartitionWatermark(88_000, 10_000), GridWatermark.For(Rules, 88_000, handedNotSaved));
    }
}
