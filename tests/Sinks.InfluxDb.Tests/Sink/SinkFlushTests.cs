using Analytics.Testing;
using Analytics.Sinks.InfluxDb.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.Sink;

/// <summary>When batches go out: a full batch at once, a partial one when the flush interval has passed (on a fake clock).</summary>
public sealed class SinkFlushTests
{
    [Fact]
    public async Task A_partial_batch_waits_for_the_flush_interval()
    {
        await using var db = await TestDatabase.CreateAsync(o => o.BatchSize = 1_000);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sink = db.Connection.CreateSink(timeProvider: time);
        await sink.StartAsync();

        var ticket = sink.Enqueue([Value("m", Now(), 1L), Value("m", Now() - 1000, 2L)]);
        Assert.False(ticket.Written.IsCompleted);

        // The writer may not be waiting on the clock yet: keep moving it until the flush happens.
        await Eventually.True(
            () =>
            {
                time.Advance(db.Options.FlushInterval);
                return ticket.Written.IsCompletedSuccessfully;
            },
            TimeSpan.FromSeconds(20),
            "the flush interval to send the partial batch");
        Assert.Equal((1, 2), ((int)sink.Statistics.SuccessfulRequests, (int)sink.Statistics.WrittenPoints));
    }

    [Fact]
    public async Task A_full_batch_goes_out_without_waiting_for_the_clock()
    {
        await using var db = await TestDatabase.CreateAsync(o =>
        {
            o.BatchSize = 50;
            o.BufferCapacity = 1_000;
        });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sink = db.Connection.CreateSink(timeProvider: time);
        await sink.StartAsync();
        var now = Now();

        var tickets = Enumerable.Range(0, 4)
            .Select(t => sink.Enqueue(Enumerable.Range(0, 25).Select(i => Value("m", now - (t * 25 + i) * 1000, (long)i)).ToList()))
            .ToList();

        await Task.WhenAll(tickets.Select(t => t.Written)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal((2, 100), ((int)sink.Statistics.SuccessfulRequests, (int)sink.Statistics.WrittenPoints));
    }
}
