using Analytics.Streaming.Kafka.EventTime;

namespace Analytics.UnitTests.EventTime;

/// <summary>Each formula of METRICS.md §2, pinned with numbers (ms; out-of-orderness 2 s unless said).</summary>
public sealed class EventTimeRulesTests
{
    private const long None = EventTimeRules.None;
    private static readonly EventTimeRules Rules = new(MaxOutOfOrdernessMs: 2000, AllowedLatenessMs: 0);

    [Fact]
    public void A_partition_watermark_is_its_partition_time_minus_the_out_of_orderness()
    {
        Assert.Equal(8000, Rules.WatermarkOf(10_000));
        Assert.Equal(None, Rules.WatermarkOf(None));
    }

    [Fact]
    public void Rule_a_alone_judges_by_the_partition_watermark_just_before_the_event()
    {
        Assert.True(Rules.IsLate(eventTime: 7999, partitionTimeBefore: 10_000, adoptedWatermark: None));
        Assert.False(Rules.IsLate(eventTime: 8000, partitionTimeBefore: 10_000, adoptedWatermark: None));
    }

    [Fact]
    public void An_event_within_the_out_of_orderness_of_its_partitions_newest_is_never_late_by_rule_a()
    {
        for (long behind = 0; behind <= 2000; behind += 250)
            Assert.False(Rules.IsLate(10_000 - behind, partitionTimeBefore: 10_000, adoptedWatermark: None), $"{behind} ms behind");
    }

    [Fact]
    public void The_larger_of_the_partition_watermark_and_the_adopted_grid_watermark_judges()
    {
        Assert.True(Rules.IsLate(eventTime: 8500, partitionTimeBefore: 10_000, adoptedWatermark: 9000)); // rule (b) is larger
        Assert.False(Rules.IsLate(eventTime: 9000, partitionTimeBefore: 10_000, adoptedWatermark: 9000));
        Assert.True(Rules.IsLate(eventTime: 7000, partitionTimeBefore: 10_000, adoptedWatermark: 3000)); // rule (a) is larger
    }

    [Fact]
    public void Nothing_is_late_before_any_record_or_adoption()
    {
        Assert.False(Rules.IsLate(long.MinValue + 1, None, None));
        Assert.Equal(None, Rules.LateBefore(None, None));
    }

    [Fact]
    public void Allowed_lateness_moves_both_lateness_and_finality()
    {
        var lenient = Rules with { AllowedLatenessMs = 1000 };
        Assert.True(lenient.IsLate(6999, partitionTimeBefore: 10_000, adoptedWatermark: None));
        Assert.False(lenient.IsLate(7000, partitionTimeBefore: 10_000, adoptedWatermark: None));
        Assert.False(lenient.IsFinal(closesAt: 60_000, finalWatermark: 60_999));
        Assert.True(lenient.IsFinal(closesAt: 60_000, finalWatermark: 61_000));
    }

    [Fact]
    public void A_window_is_final_once_the_final_watermark_is_at_its_end()
    {
        Assert.False(Rules.IsFinal(closesAt: 60_000, finalWatermark: 59_999));
        Assert.True(Rules.IsFinal(closesAt: 60_000, finalWatermark: 60_000));
        Assert.False(Rules.IsFinal(closesAt: long.MinValue + 1, finalWatermark: None));
    }

    [Fact]
    public void A_client_clock_ahead_of_the_server_moves_its_partition_only_to_the_time_of_acceptance()
    {
        Assert.Equal(1_000_000, EventTimeRules.PartitionTimeOf(eventTime: 1_050_000, acceptedAtMs: 1_000_000));
        Assert.Equal(990_000, EventTimeRules.PartitionTimeOf(eventTime: 990_000, acceptedAtMs: 1_000_000));
        Assert.Equal(1_050_000, EventTimeRules.PartitionTimeOf(eventTime: 1_050_000, acceptedAtMs: 0)); // written by another producer
        Assert.Equal(1_000_000, EventTimeRules.Advance(1_000_000, 990_000));
    }

    [Fact]
    public void A_consumer_of_a_busy_partition_adopts_no_more_than_its_own_partition_watermark()
    {
        var busy = new PartitionWatermark(Grid: 50_000, Adoptable: 20_000);
        Assert.Equal(30_000 - 2000, Rules.Adoptable(None, busy, ownPartitionTime: 30_000));
        Assert.Equal(20_000, Rules.Adoptable(None, busy, ownPartitionTime: 5_000)); // the partition's resume point is further
        Assert.Equal(50_000, Rules.Adoptable(None, busy, ownPartitionTime: 90_000)); // never past the grid's
    }

    [Fact]
    public void A_consumer_of_an_idle_partition_adopts_the_grids_watermark_and_nothing_goes_back()
    {
        var idle = new PartitionWatermark(Grid: 50_000, Adoptable: 50_000);
        Assert.Equal(50_000, Rules.Adoptable(None, idle, ownPartitionTime: 1_000));
        Assert.Equal(60_000, Rules.Adoptable(60_000, idle, ownPartitionTime: 1_000));
        Assert.Equal(60_000, Rules.Adoptable(60_000, PartitionWatermark.None, ownPartitionTime: None));
    }
}
