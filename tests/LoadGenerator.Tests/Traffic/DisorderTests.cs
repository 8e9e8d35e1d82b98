using Analytics.LoadGenerator.Tests.Infrastructure;
using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Tests.Traffic;

public class DisorderTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    [Fact]
    public void Out_of_order_events_are_never_more_than_the_bound_behind_the_newest_so_far()
    {
        var generator = new TrafficGenerator(new TrafficProfile { OutOfOrderShare = 0.2, MaxOutOfOrderness = Bound, DuplicateShare = 0.05 });
        var log = generator.Take(50_000, Logs.Start, 200);

        long newest = log[0].Timestamp, behind = 0;
        foreach (var e in log)
        {
            Assert.True(e.Timestamp >= newest - (long)Bound.TotalMilliseconds, $"{e.Id} is {newest - e.Timestamp} ms behind");
            if (e.Timestamp < newest) behind++;
            newest = Math.Max(newest, e.Timestamp);
        }
        // At 200 events per second, most events moved back land behind one already sent.
        Assert.True(behind > 0.1 * log.Count, $"only {behind} events arrived out of order");
        Assert.InRange(generator.Counts.OutOfOrder, 0.17 * log.Count, 0.21 * log.Count);
    }

    [Fact]
    public void Late_events_come_at_least_late_by_behind_and_everything_else_within_the_bound()
    {
        var lateBy = TimeSpan.FromMinutes(10);
        var generator = new TrafficGenerator(new TrafficProfile { LateShare = 0.02, LateBy = lateBy, OutOfOrderShare = 0.1 });
        var log = generator.Take(60_000, Logs.Start, 20);

        long newest = log[0].Timestamp, late = 0;
        foreach (var e in log)
        {
            var lag = newest - e.Timestamp;
            if (lag > (long)Bound.TotalMilliseconds)
            {
                Assert.True(lag >= (long)lateBy.TotalMilliseconds, $"{e.Id} is {lag} ms behind: neither in bound nor late");
                late++;
            }
            newest = Math.Max(newest, e.Timestamp);
        }
        Assert.Equal(generator.Counts.Late, late);
        Assert.InRange(late, 0.01 * log.Count, 0.03 * log.Count);
    }

    [Fact]
    public void Duplicates_are_exact_copies_of_earlier_events_and_the_only_repeated_ids()
    {
        var generator = new TrafficGenerator(new TrafficProfile { DuplicateShare = 0.05, LateShare = 0.01, LateBy = TimeSpan.FromSeconds(30) });
        var log = generator.Take(40_000, Logs.Start, 50);

        var first = new Dictionary<string, string>();
        var duplicates = 0;
        foreach (var (e, wire) in log.Zip(Logs.Wire(log)))
        {
            if (first.TryGetValue(e.Id, out var original))
            {
                Assert.Equal(original, wire);
                duplicates++;
            }
            else first[e.Id] = wire;
        }
        Assert.Equal(generator.Counts.Duplicates, duplicates);
        Assert.InRange(duplicates, 0.04 * log.Count, 0.06 * log.Count);
    }
}
