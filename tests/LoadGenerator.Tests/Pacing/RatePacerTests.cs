using Analytics.LoadGenerator.Pacing;

namespace Analytics.LoadGenerator.Tests.Pacing;

/// <summary>The pacer in simulated time: a sender that wakes at uneven moments, as on a busy machine, and a fake sink that counts.</summary>
public class RatePacerTests
{
    [Theory]
    [InlineData(200, 100)]
    [InlineData(300, 100)]
    [InlineData(1000, 100)]
    [InlineData(333.3, 50)]
    [InlineData(50, 1000)]
    public void A_sender_that_keeps_up_sends_exactly_the_rate_never_ahead_and_never_far_behind(double rate, int batchSize)
    {
        var pacer = new RatePacer(rate, batchSize);
        var duration = TimeSpan.FromSeconds(30);
        var sent = 0L;
        var wake = new Random(5);
        for (var now = TimeSpan.Zero; now < duration; now += TimeSpan.FromMilliseconds(1 + wake.Next(40)))
        {
            for (var release = pacer.Take(now); release.Count > 0; release = pacer.Take(now))
            {
                Assert.Equal(sent, release.First);
                Assert.InRange(release.Count, 1, batchSize);
                Assert.True(pacer.DueAt(release.First + release.Count - 1) <= now, "released an event before its time");
                sent += release.Count;
            }
            var due = Math.Floor(now.TotalSeconds * rate);
            // Behind by at most a batch, or by what one flush interval (plus the wake-up jitter) holds at a low rate.
            Assert.InRange(sent, due - Math.Max(batchSize, rate * 1.1 + 1), due);
        }
        sent += pacer.Take(duration, final: true).Count;

        Assert.Equal(Math.Floor(duration.TotalSeconds * rate), sent);
        Assert.Equal(0, pacer.Missed);
    }

    [Fact]
    public void A_sender_slower_than_the_rate_gives_up_slots_instead_of_bursting()
    {
        var pacer = new RatePacer(1000, 100, maxLag: TimeSpan.FromSeconds(2));
        var (sent, now) = (0L, TimeSpan.Zero);
        // The sink takes 200 ms per batch of 100: 500 events per second at most.
        for (var batches = 0; batches < 300; batches++, now += TimeSpan.FromMilliseconds(200))
            sent += pacer.Take(now).Count;

        Assert.Equal(29_900, sent);
        // Every slot due by the last call was sent, given up, or is in the 2 s of backlog still allowed; never sent in a burst.
        var due = (long)(now - TimeSpan.FromMilliseconds(200)).TotalMilliseconds;
        Assert.InRange(due - sent - pacer.Missed, 0, 2_000);
    }

    [Fact]
    public void Flat_out_releases_full_batches_and_nothing_at_the_end()
    {
        var pacer = new RatePacer(null, 250);

        Assert.Equal(new Release(0, 250), pacer.Take(TimeSpan.Zero));
        Assert.Equal(new Release(250, 250), pacer.Take(TimeSpan.Zero));
        Assert.Equal(0, pacer.Take(TimeSpan.FromSeconds(1), final: true).Count);
    }

    [Fact]
    public void The_next_batch_is_ready_when_full_or_when_its_oldest_event_waited_the_flush_interval()
    {
        var fast = new RatePacer(1000, 100);
        var slow = new RatePacer(10, 100, flushInterval: TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(100), fast.NextReadyAt());
        Assert.Equal(TimeSpan.FromMilliseconds(1100), slow.NextReadyAt());
        Assert.Equal(0, slow.Take(TimeSpan.FromMilliseconds(1099)).Count);
        Assert.Equal(11, slow.Take(TimeSpan.FromMilliseconds(1100)).Count);
    }
}
