using Analytics.Testing;
using Analytics.Sinks.InfluxDb.Diagnostics;
using Analytics.Sinks.InfluxDb.Errors;
using Analytics.Sinks.InfluxDb.LineProtocol;
using Analytics.Sinks.InfluxDb.Sink;
using Analytics.Sinks.InfluxDb.Tests.Infrastructure;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.Sink;

/// <summary>The bounded buffer: overflow is refused on the ticket and counted, never thrown; stopping cancels what is left.</summary>
public sealed class SinkBufferTests
{
    [Fact]
    public async Task Overflow_faults_the_ticket_and_is_counted_without_an_exception_and_the_rest_is_written()
    {
        await using var db = await TestDatabase.CreateAsync(o =>
        {
            o.BufferCapacity = 100;
            o.BatchSize = 100;
            o.FlushInterval = TimeSpan.FromMilliseconds(50);
        });
        var observer = new RecordingObserver();
        await using var sink = db.Connection.CreateSink(observer);
        var now = Now();

        // Not started yet: nothing drains, so the buffer fills deterministically.
        var first = sink.Enqueue(Many(40, now));
        var second = sink.Enqueue(Many(40, now - 40_000));
        var overflow = sink.Enqueue(Many(40, now - 80_000));
        var last = sink.Enqueue(Many(20, now - 120_000));
        var tooBig = sink.Enqueue(Many(101, now - 200_000));

        var error = Assert.IsType<SinkOverflowException>(overflow.Written.Exception!.InnerException);
        Assert.Equal((40, 100), (error.Points, error.Capacity));
        Assert.IsType<SinkOverflowException>(tooBig.Written.Exception!.InnerException);
        Assert.Equal((141, 100, 100), (sink.Statistics.DroppedPoints, sink.Statistics.EnqueuedPoints, sink.Statistics.BufferedPoints));
        Assert.Equal((2, 141), (observer.Requests(WriteOutcome.Dropped), observer.Points(WriteOutcome.Dropped)));

        await sink.StartAsync();
        await Task.WhenAll(first.Written, second.Written, last.Written).WaitAsync(TimeSpan.FromSeconds(20));
        var count = Assert.Single((await db.SelectAsync("SELECT count(\"value\") FROM \"m\"")).Rows).GetInt64("count");
        Assert.Equal(100, count);
    }

    [Fact]
    public async Task Stopping_cancels_what_could_not_be_written_and_later_enqueues()
    {
        var options = TestDatabase.NewOptions(url: "http://127.0.0.1:9");
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(500);
        options.BreakerBreakDuration = TimeSpan.FromMilliseconds(500);
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        var observer = new RecordingObserver();
        using var connection = new InfluxDbConnection(options);
        var sink = connection.CreateSink(observer);
        await sink.StartAsync();

        var unsent = sink.Enqueue(Many(10, Now()));
        await Eventually.True(() => observer.Requests(WriteOutcome.Retry) > 0, TimeSpan.FromSeconds(20), "a failed write to be retried");
        await sink.StopAsync();
        var afterStop = sink.Enqueue(Many(5, Now()));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unsent.Written);
        Assert.True(afterStop.Written.IsCanceled);
        Assert.Equal((15, 0), (sink.Statistics.DroppedPoints, sink.Statistics.BufferedPoints));
        await sink.DisposeAsync();
    }

    [Fact]
    public async Task A_refused_point_fails_only_its_own_ticket()
    {
        await using var db = await TestDatabase.CreateAsync(o => o.FlushInterval = TimeSpan.FromMilliseconds(50));
        var now = Now();
        await db.Connection.Writer.WriteAsync([Value("m", now, 1.5)], CancellationToken.None);
        var observer = new RecordingObserver();
        await using var sink = db.Connection.CreateSink(observer);

        var good = sink.Enqueue([Value("m", now - 1000, 2.5), Value("m", now - 2000, 3.5)]);
        var conflicting = sink.Enqueue([Value("m", now - 3000, 4L)]);
        var alsoGood = sink.Enqueue([Value("other", now, 5L)]);
        await sink.StartAsync();

        await Task.WhenAll(good.Written, alsoGood.Written).WaitAsync(TimeSpan.FromSeconds(20));
        var error = await Assert.ThrowsAsync<InfluxPointsRejectedException>(() => conflicting.Written.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("field type conflict", error.Message);
        Assert.Equal([1.5, 2.5, 3.5], (await db.SelectAsync("SELECT \"value\" FROM \"m\"")).Rows.Select(r => r.GetDouble("value")).Order());
        Assert.Equal((1, 3), (sink.Statistics.RejectedPoints, (int)sink.Statistics.WrittenPoints));
        Assert.True(observer.Requests(WriteOutcome.Failure) >= 2);
    }

    [Fact]
    public async Task An_empty_enqueue_is_written_at_once_and_null_points_are_a_programming_error()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var sink = db.Connection.CreateSink();

        Assert.True(sink.Enqueue([]).Written.IsCompletedSuccessfully);
        Assert.Throws<ArgumentNullException>(() => sink.Enqueue([Value("m", 1, 1L), null!]));
    }

    private static List<MetricPoint> Many(int count, long newest) =>
        Enumerable.Range(0, count).Select(i => Value("m", newest - i * 1000, (long)i)).ToList();
}
