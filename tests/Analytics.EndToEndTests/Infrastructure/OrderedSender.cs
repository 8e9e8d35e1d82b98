using System.Diagnostics;
using System.Net;
using System.Text;
using Analytics.Grains.Interfaces.Events;
using Analytics.Testing;

namespace Analytics.EndToEndTests.Infrastructure;

/// <summary>
/// A site's server sending its events in order, as a careful client does: new events queue behind those the API could not
/// make durable, and a 503 is sent again after its Retry-After. Keeps, in order, every event the API answered 202 for.
/// </summary>
public sealed class OrderedSender(HttpClient http, string api)
{
    private readonly Queue<AnalyticsEvent> _pending = new();
    private readonly Lock _lock = new();

    public List<AnalyticsEvent> Accepted { get; } = [];

    /// <summary>Answers of 503 received (each followed by sending the same events again).</summary>
    public int Refusals { get; private set; }

    public int Pending
    {
        get
        {
            lock (_lock) return _pending.Count;
        }
    }

    public void Enqueue(IEnumerable<AnalyticsEvent> events)
    {
        lock (_lock)
        {
            foreach (var e in events) _pending.Enqueue(e);
        }
    }

    /// <summary>
    /// Sends <paramref name="traffic"/> at 1,000 events/s, asking <paramref name="goOn"/> every 100 ms with the time elapsed
    /// (where a test takes a server down and brings it back) whether to go on; then sends until every event is accepted.
    /// </summary>
    public async Task SendAsync(LiveTraffic traffic, Func<TimeSpan, Task<bool>> goOn, TimeSpan deadline)
    {
        using var stop = new CancellationTokenSource();
        var sending = RunAsync(stop.Token);
        var clock = Stopwatch.StartNew();
        try
        {
            do
            {
                Enqueue(traffic.Next(count: 100, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                await Task.Delay(100);
            }
            while (await goOn(clock.Elapsed) && clock.Elapsed < deadline);
        }
        finally
        {
            stop.Cancel();
        }
        await sending.WaitAsync(deadline);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested || Pending > 0)
        {
            AnalyticsEvent[] batch;
            lock (_lock) batch = [.. _pending.Take(1000)];
            if (batch.Length == 0)
            {
                await Task.Delay(20);
                continue;
            }
            using var response = await http.PostAsync($"{api}/api/events", new StringContent(EventJson.Batch(batch).ToJsonString(), Encoding.UTF8, "application/json"));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                lock (_lock)
                {
                    for (var i = 0; i < batch.Length; i++) _pending.Dequeue();
                }
                Accepted.AddRange(batch);
                continue;
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Refusals++;
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }
}
