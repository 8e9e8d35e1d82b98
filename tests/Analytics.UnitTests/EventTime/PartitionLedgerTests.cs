using Analytics.Streaming.Kafka;
using Analytics.Streaming.Kafka.Providers;

namespace Analytics.UnitTests.EventTime;

public sealed class PartitionLedgerTests
{
    private static readonly long[] Times = [1000, 5000, 3000, 9000, 2000, 9500, 4000, 12_000];

    [Fact]
    public void Each_record_gets_the_partition_time_of_the_records_before_it_and_a_replay_gets_the_same()
    {
        var first = new PartitionLedger(streams: 2, ResumePoint.Start);
        var befores = Times.Select((t, offset) => first.Hand(offset, t, offset % 2)).ToArray();
        Assert.Equal([long.MinValue, 1000, 5000, 5000, 9000, 9000, 9500, 9500], befores);

        // A replay from a resume point saved mid-log (offset 4, with the partition time before it) judges as the first reading.
        var replay = new PartitionLedger(streams: 2, new ResumePoint(4, 9000));
        Assert.Equal(befores[4..], Times[4..].Select((t, i) => replay.Hand(4 + i, t, (4 + i) % 2)));
    }

    [Fact]
    public void The_proposed_resume_point_is_never_ahead_of_what_a_consumer_saved()
    {
        var ledger = new PartitionLedger(streams: 2, ResumePoint.Start);
        for (var offset = 0; offset < Times.Length; offset++) ledger.Hand(offset, Times[offset], offset % 2);

        Assert.Equal(ResumePoint.Start, ledger.ProposedResumePoint()); // nothing saved yet
        ledger.Saved([new ResumePoint(5, 9000), new ResumePoint(4, 9000)]);
        Assert.Equal(new ResumePoint(4, 9000), ledger.ProposedResumePoint());
        ledger.Saved([new ResumePoint(8, 12_000), new ResumePoint(8, 12_000)]);
        Assert.Equal(new ResumePoint(8, 12_000), ledger.ProposedResumePoint()); // everything saved: the position
    }

    [Fact]
    public void A_stream_that_was_handed_nothing_since_its_checkpoint_holds_nothing_back()
    {
        var ledger = new PartitionLedger(streams: 2, ResumePoint.Start);
        for (var offset = 0; offset < 4; offset++) ledger.Hand(offset, Times[offset], stream: 0);
        ledger.Saved([new ResumePoint(4, 9000), ResumePoint.Start]);
        Assert.Equal(new ResumePoint(4, 9000), ledger.ProposedResumePoint());
    }
}
