using System.Text.Json;
using Analytics.Bench.Support;
using Confluent.Kafka;

namespace Analytics.Bench.Wire;

/// <summary>
/// What a record costs inside a real Kafka batch: the messages are produced to a one-partition topic of the
/// embedded broker with batches of 16 KB, and librdkafka's own statistics say how large each batch was
/// after compression (<c>topics.*.batchsize</c>, rolled over at each report, so the reports add up) and how
/// many records it held (<c>batchcnt</c>). The size includes the record key (<c>site/visitor</c>), the record
/// framing and the batch header, as the broker stores them.
/// </summary>
internal static class BatchSizes
{
    public const int BatchBytes = 16_384;

    public static double BytesPerRecord(string bootstrap, string topic, CompressionType compression, IReadOnlyList<(byte[] Key, byte[] Value)> records)
    {
        long batchBytes = 0, batchRecords = 0;
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Acks = Acks.All,
            EnableIdempotence = true,
            CompressionType = compression,
            BatchSize = BatchBytes,
            // Long enough that every batch fills to batch.size before it is sent.
            LingerMs = 100,
            StatisticsIntervalMs = 100,
        };
        using (var producer = new ProducerBuilder<byte[], byte[]>(config)
            .SetStatisticsHandler((_, json) =>
            {
                using var stats = JsonDocument.Parse(json);
                if (!stats.RootElement.GetProperty("topics").TryGetProperty(topic, out var t)) return;
                Interlocked.Add(ref batchBytes, t.GetProperty("batchsize").GetProperty("sum").GetInt64());
                Interlocked.Add(ref batchRecords, t.GetProperty("batchcnt").GetProperty("sum").GetInt64());
            })
            .Build())
        {
            foreach (var (key, value) in records)
                BenchKafka.ProduceWaiting(producer, topic, new Message<byte[], byte[]> { Key = key, Value = value }, _ => { });
            producer.Flush(TimeSpan.FromMinutes(1));
            // Statistics are reported on the producer's polling thread; wait for the report after the last batch.
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (Interlocked.Read(ref batchRecords) < records.Count && DateTime.UtcNow < deadline) Thread.Sleep(50);
        }
        if (batchRecords != records.Count)
            throw new InvalidOperationException($"librdkafka's statistics account for {batchRecords} of {records.Count} records in {topic}.");
        return (double)batchBytes / batchRecords;
    }
}
