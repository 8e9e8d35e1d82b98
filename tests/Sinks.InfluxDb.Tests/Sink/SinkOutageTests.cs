using Analytics.Testing;
using Analytics.Sinks.InfluxDb.Diagnostics;
using Analytics.Sinks.InfluxDb.LineProtocol;
using Analytics.Sinks.InfluxDb.Sink;
using Analytics.Sinks.InfluxDb.Tests.Infrastructure;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.Sink;

/// <summary>
/// A dedicated influxd is killed while the sink writes to it, points keep coming, and it is started again on
/// the same data and port: afterwards every enqueued point is stored and every ticket has completed.
/// </summary>
public sealed class SinkOutageTests
{
    private const int PointsPerTicket = 25;

    [Fact]
    public async Task Every_point_enqueued_before_during_and_after_an_outage_is_written()
    {
        await using var influx = await InfluxProcess.StartAsync();
        var options = new InfluxDbOptions
        {
            Url = influx.Url,
            Database = "outage",
            BatchSize = 100,
            FlushInterval = TimeSpan.FromMilliseconds(50),
            RequestTimeout = TimeSpan.FromSeconds(2),
            MaxRetryAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
            BreakerMinimumThroughput = 2,
            BreakerBreakDuration = TimeSpan.FromMilliseconds(500),
        };
        var observer = new RecordingObserver();
        using var connection = new InfluxDbConnection(options);
        await using var sink = connection.CreateSink(observer);
        await sink.StartAsync();
        var now = Now();
        var tickets = new List<SinkTicket>();
        SinkTicket EnqueueTicket() => Enqueued(tickets, sink.Enqueue(Ticket(tickets.Count, now)));

        for (var i = 0; i < 20; i++)
            EnqueueTicket();
        await Eventually.True(() => sink.Statistics.WrittenPoints > 0, TimeSpan.FromSeconds(20), "the first points to be written");
        for (var i = 0; i < 20; i++)
            EnqueueTicket();
        await influx.KillAsync();
        for (var i = 0; i < 20; i++)
            EnqueueTicket();
        await Eventually.True(() => observer.Requests(WriteOutcome.Failure) > 0, TimeSpan.FromSeconds(20), "a write to fail during the outage");
        Assert.Contains(tickets, t => !t.Written.IsCompleted);

        await influx.StartAgainAsync();
        for (var i = 0; i < 20; i++)
            EnqueueTicket();

        await Task.WhenAll(tickets.Select(t => t.Written)).WaitAsync(TimeSpan.FromSeconds(30));
        var count = Assert.Single((await connection.Query.QueryAsync("SELECT count(\"value\") FROM \"page_views\"")).Rows).GetInt64("count");
        Assert.Equal(tickets.Count * PointsPerTicket, count);
        var statistics = sink.Statistics;
        Assert.Equal((long)tickets.Count * PointsPerTicket, statistics.EnqueuedPoints);
        Assert.Equal(0, statistics.DroppedPoints + statistics.RejectedPoints);
        Assert.True(statistics.WrittenPoints >= count);
        Assert.Equal(0, statistics.BufferedPoints);
        Assert.True(observer.Requests(WriteOutcome.Retry) > 0);
        Assert.Equal(0, observer.Requests(WriteOutcome.Dropped));
    }

    private static List<MetricPoint> Ticket(int ticket, long now) =>
        Enumerable.Range(0, PointsPerTicket)
            .Select(i => Value("page_views", now - i * 1000, (long)i, ("site", "s"), ("ticket", ticket.ToString())))
            .ToList();

    private static SinkTicket Enqueued(List<SinkTicket> tickets, SinkTicket ticket)
    {
        Assert.False(ticket.Written.IsFaulted);
        tickets.Add(ticket);
        return ticket;
    }
}
