using System.Diagnostics;
using System.Text;
using Analytics.Bench.Support;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Streaming.Kafka;
using Confluent.Kafka;

namespace Analytics.Bench.Latency;

/// <summary>
/// Produces at a fixed rate on its own thread, as the ingestion endpoint would under steady traffic: the
/// ingestion producer's settings, each event made and stamped (IngestedAtMicros) the moment it is sent.
/// Every millisecond or so it sends what is due by then, so the rate holds without bursts of more than ~1 ms.
/// </summary>
internal sealed class PacedProducer(string bootstrap, string topic, int rate, LiveTraffic traffic)
{
    private long _sent;
    private long _failed;

    public long Sent => Interlocked.Read(ref _sent);

    public long Failed => Interlocked.Read(ref _failed);

    public Task RunAsync(TimeSpan duration) => Task.Factory.StartNew(() => Run(duration), TaskCreationOptions.LongRunning);

    private void Run(TimeSpan duration)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(KafkaClientConfig.Producer(new KafkaStreamOptions { BootstrapServers = bootstrap })).Build();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            while (_sent < due)
            {
                var now = DateTimeOffset.UtcNow;
                var e = traffic.Next(now.ToUnixTimeMilliseconds(), BenchKafka.NowMicros());
                BenchKafka.ProduceWaiting(producer, topic, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes(e.PartitionKey), Value = EventWireFormat.Encode(e) },
                    report => { if (report.Error.IsError) Interlocked.Increment(ref _failed); });
                Interlocked.Increment(ref _sent);
            }
            Thread.Sleep(1);
        }
        producer.Flush(TimeSpan.FromSeconds(30));
    }
}
