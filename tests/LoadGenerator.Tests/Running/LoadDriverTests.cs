using Analytics.LoadGenerator.Pacing;
using Analytics.LoadGenerator.Running;
using Analytics.LoadGenerator.Sinks;
using Analytics.LoadGenerator.Tests.Infrastructure;
using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Tests.Running;

/// <summary>
/// The driver on the real clock for half a second. Counts are exact however slow the machine is: the pacer
/// releases by elapsed time and the driver sends what is due by the end, and with an unbounded lag it never gives up a slot.
/// </summary>
public class LoadDriverTests
{
    private static readonly TimeSpan NeverBehind = TimeSpan.FromHours(1);

    [Fact]
    public async Task Sends_exactly_the_rate_times_the_duration_in_batches_to_several_senders()
    {
        var sink = new FakeSink();
        var statistics = new RunStatistics();
        var driver = new LoadDriver(new TrafficGenerator(new TrafficProfile()), new RatePacer(4000, 100, maxLag: NeverBehind), sink, 4, TimeProvider.System, statistics);

        var elapsed = await driver.RunAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);

        var events = sink.Batches.SelectMany(b => b).ToList();
        Assert.Equal(2000, events.Count);
        Assert.All(sink.Batches, b => Assert.InRange(b.Length, 1, 100));
        Assert.Equal(2000, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal((2000, 2000, 0), (statistics.Sent, statistics.Accepted, statistics.Failed));
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(500));
        // Event time is the slot's wall-clock time: spread over the half second, not piled on one moment.
        Assert.InRange(events.Max(e => e.Timestamp) - events.Min(e => e.Timestamp), 400, 5_000);
    }

    [Fact]
    public async Task Failures_are_counted_by_reason_and_the_run_goes_on()
    {
        var calls = 0;
        var sink = new FakeSink(batch => Interlocked.Increment(ref calls) % 2 == 0
            ? SendResult.Refused(batch.Count, "HTTP 503 Service Unavailable")
            : SendResult.Delivered(batch.Count));
        var statistics = new RunStatistics();
        var driver = new LoadDriver(new TrafficGenerator(new TrafficProfile()), new RatePacer(2000, 50, maxLag: NeverBehind), sink, 2, TimeProvider.System, statistics);

        await driver.RunAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);

        Assert.Equal(1000, statistics.Sent);
        Assert.Equal(500, statistics.Failed);
        Assert.Equal(500, statistics.Accepted);
        Assert.Equal([new KeyValuePair<string, long>("HTTP 503 Service Unavailable", 500)], statistics.Failures);
    }

    [Fact]
    public async Task Stopping_ends_the_run_early_and_every_sent_event_has_an_answer()
    {
        using var stop = new CancellationTokenSource();
        var sink = new FakeSink(batch =>
        {
            stop.Cancel();
            return SendResult.Delivered(batch.Count);
        });
        var statistics = new RunStatistics();
        var driver = new LoadDriver(new TrafficGenerator(new TrafficProfile()), new RatePacer(null, 100), sink, 2, TimeProvider.System, statistics);

        await driver.RunAsync(TimeSpan.FromMinutes(10), stop.Token);

        Assert.InRange(statistics.Sent, 100, 200);
        Assert.Equal(statistics.Sent, statistics.Accepted + statistics.Failed);
    }
}
