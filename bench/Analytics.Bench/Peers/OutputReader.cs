using System.Collections.Concurrent;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Analytics.Bench.Peers;

/// <summary>
/// Follows the peer's output topic (key <c>site@windowStart</c>, value the window's count so far) and keeps the
/// latest count of every window. The peer has counted the whole log when those counts add up to its page views.
/// </summary>
internal sealed class OutputReader : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;
    // Counts are written by Streamiz's own serializer; read them with it.
    private readonly Int64SerDes _longs = new();
    private readonly ConcurrentDictionary<(string Site, long Start), long> _counts;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _total;

    public OutputReader(string bootstrap, string topic, int partitions, ConcurrentDictionary<(string Site, long Start), long> counts)
    {
        _counts = counts;
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "bench-peer-output",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        }).Build();
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        _thread = new Thread(Run) { IsBackground = true, Name = "peer-output" };
        _thread.Start();
    }

    /// <summary>
    /// Waits until the counts add up to <paramref name="expected"/>; throws when <paramref name="failed"/> completes first,
    /// when the output stops growing for <paramref name="stall"/> (a stream thread fenced out of its group on the embedded
    /// broker may never rejoin), or after the timeout.
    /// </summary>
    public async Task WaitForTotalAsync(long expected, TimeSpan timeout, TimeSpan stall, Task failed)
    {
        var deadline = DateTime.UtcNow + timeout;
        var (seen, progressAt) = (-1L, DateTime.UtcNow);
        while (Interlocked.Read(ref _total) is var total && total != expected)
        {
            if (total != seen) (seen, progressAt) = (total, DateTime.UtcNow);
            if (failed.IsCompleted) throw new InvalidOperationException($"The peer failed (see its log) after its output counted {total} of {expected} page views.");
            if (DateTime.UtcNow - progressAt > stall) throw new TimeoutException($"The peer's output stopped at {total} of {expected} page views for {stall.TotalSeconds:F0} s.");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The peer's output counts {total} of {expected} page views after {timeout}.");
            await Task.Delay(20);
        }
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            var record = _consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (record is null) continue;
            var at = record.Message.Key.LastIndexOf('@');
            var key = (record.Message.Key[..at], long.Parse(record.Message.Key[(at + 1)..]));
            var count = _longs.Deserialize(record.Message.Value, SerializationContext.Empty);
            var previous = _counts.GetValueOrDefault(key);
            _counts[key] = count;
            Interlocked.Add(ref _total, count - previous);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _consumer.Close();
        _consumer.Dispose();
    }
}
