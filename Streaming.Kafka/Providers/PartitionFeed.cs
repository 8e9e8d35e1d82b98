using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Analytics.Streaming.Kafka.Providers;

/// <summary>
/// One Kafka consumer per silo and provider, shared by all the silo's receivers. A dedicated thread
/// fetches and sorts records into one buffer per partition, so a receiver's pull never waits on Kafka:
/// it takes what is buffered. Fetching a partition pauses while its buffer is full.
/// Assignment changes and seeks run on that thread, between fetches.
/// </summary>
internal sealed partial class PartitionFeed : IDisposable
{
    private readonly KafkaStreamOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    // Replaced (on the feed's thread) when it stops fetching; other threads only read it.
    private volatile IConsumer<byte[], byte[]> _consumer;
    private readonly ConcurrentQueue<Action> _commands = new();
    private readonly ConcurrentDictionary<int, PartitionBuffer> _buffers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly StallWatch _stalls;

    public PartitionFeed(KafkaStreamOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _stalls = new StallWatch(options.StallTimeout);
        _consumer = NewConsumer();
        _thread = new Thread(Run) { IsBackground = true, Name = $"kafka-feed-{options.Topic}" };
        _thread.Start();
    }

    private IConsumer<byte[], byte[]> NewConsumer()
    {
        var config = KafkaClientConfig.Consumer(_options);
        // Only key, value and position are read: not marshalling the topic name, timestamp and headers of every
        // record saves their allocations (~130 B per record) on the feed's thread.
        config.ConsumeResultFields = "none";
        return new ConsumerBuilder<byte[], byte[]>(config)
            .SetErrorHandler((_, error) => LogKafkaError(error.Code, error.Reason))
            .SetLogHandler((_, message) => LogLibrdkafka(LevelOf(message.Level), message.Facility, message.Message))
            .Build();
    }

    /// <summary>Starts fetching a partition at an offset.</summary>
    public PartitionBuffer Open(int partition, long offset)
    {
        var buffer = new PartitionBuffer(_time);
        _buffers[partition] = buffer;
        Seek(partition, offset);
        return buffer;
    }

    /// <summary>Repositions a partition. Records buffered or in flight from the old position are dropped.</summary>
    public void Seek(int partition, long offset)
    {
        if (!_buffers.TryGetValue(partition, out var buffer)) return;
        var generation = buffer.Invalidate();
        var tp = new TopicPartition(_options.Topic, partition);
        _commands.Enqueue(() =>
        {
            // Re-assigning (rather than Seek) works whether or not the partition was assigned yet.
            if (_consumer.Assignment.Contains(tp)) _consumer.IncrementalUnassign([tp]);
            _consumer.IncrementalAssign([new TopicPartitionOffset(tp, offset)]);
            buffer.Accept(generation, offset);
        });
    }

    /// <summary>Stops fetching a partition for the reader of <paramref name="buffer"/>; a newer reader of the partition keeps reading.</summary>
    public void Close(int partition, PartitionBuffer buffer)
    {
        if (!_buffers.TryRemove(new KeyValuePair<int, PartitionBuffer>(partition, buffer))) return;
        buffer.Invalidate();
        var tp = new TopicPartition(_options.Topic, partition);
        _commands.Enqueue(() =>
        {
            if (_consumer.Assignment.Contains(tp)) _consumer.IncrementalUnassign([tp]);
            _stalls.Forget(partition);
        });
    }

    /// <summary>The partition's end offset as the last fetch reported it, or -1.</summary>
    public long HighWatermark(int partition)
    {
        var high = _consumer.GetWatermarkOffsets(new TopicPartition(_options.Topic, partition)).High;
        return high == Offset.Unset ? -1 : high.Value;
    }

    /// <summary>The partition's end offset now (asks the broker).</summary>
    public long QueryHighWatermark(int partition) =>
        _consumer.QueryWatermarkOffsets(new TopicPartition(_options.Topic, partition), TimeSpan.FromSeconds(5)).High.Value;

    /// <summary>The earliest offset the broker still has (asks the broker).</summary>
    public long LowWatermark(int partition) =>
        _consumer.QueryWatermarkOffsets(new TopicPartition(_options.Topic, partition), TimeSpan.FromSeconds(5)).Low.Value;

    /// <summary>The consumer group's committed offset of a partition, or null (asks the broker).</summary>
    public long? Committed(int partition)
    {
        var committed = _consumer.Committed([new TopicPartition(_options.Topic, partition)], TimeSpan.FromSeconds(5)).Single();
        return committed.Offset == Offset.Unset ? null : committed.Offset.Value;
    }

    /// <summary>Mirrors saved resume points to the consumer group, for lag monitoring and tools.</summary>
    public void Commit(int partition, long offset) => _commands.Enqueue(() =>
    {
        try
        {
            _consumer.Commit([new TopicPartitionOffset(_options.Topic, partition, offset)]);
        }
        catch (KafkaException e)
        {
            LogCommitFailed(partition, e.Error.Reason);
        }
    });

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(5));
        _consumer.Close();
        _consumer.Dispose();
    }

    private void Run()
    {
        var paused = new HashSet<int>();
        var nextStallCheck = _time.GetUtcNow();
        while (!_stop.IsCancellationRequested)
        {
            while (_commands.TryDequeue(out var command)) Execute(command);
            ResumeDrained(paused);
            if (_time.GetUtcNow() >= nextStallCheck)
            {
                ReplaceIfStalled(paused);
                nextStallCheck = _time.GetUtcNow() + TimeSpan.FromSeconds(1);
            }
            ConsumeResult<byte[], byte[]>? record;
            try
            {
                record = _consumer.Consume(TimeSpan.FromMilliseconds(20));
            }
            catch (ConsumeException e)
            {
                LogKafkaError(e.Error.Code, e.Error.Reason);
                continue;
            }
            if (record is null || !_buffers.TryGetValue(record.Partition.Value, out var buffer)) continue;
            if (buffer.Add(record) >= _options.PartitionBufferRecords && paused.Add(record.Partition.Value))
                _consumer.Pause([new TopicPartition(_options.Topic, record.Partition)]);
        }
    }

    private void ResumeDrained(HashSet<int> paused)
    {
        if (paused.Count == 0) return;
        foreach (var partition in paused.ToArray())
        {
            if (_buffers.TryGetValue(partition, out var buffer) && buffer.Count > _options.PartitionBufferRecords / 2) continue;
            paused.Remove(partition);
            var tp = new TopicPartition(_options.Topic, partition);
            if (_consumer.Assignment.Contains(tp)) _consumer.Resume([tp]);
        }
    }

    /// <summary>
    /// Asks the broker for the end of every partition quiet for the stall timeout. A partition with records beyond what was
    /// fetched, or a broker that does not answer, means this consumer stopped fetching: after a broker outage librdkafka
    /// can keep a connection whose fetch timed out and never fetch on it again (seen in the Kafka outage test, where
    /// assigning the partitions again did not help). A new consumer then takes over every partition where its buffer stands.
    /// </summary>
    private void ReplaceIfStalled(HashSet<int> paused)
    {
        var now = _time.GetUtcNow();
        foreach (var (partition, buffer) in _buffers)
        {
            if (paused.Contains(partition) || !_stalls.Stalled(partition, buffer.QuietSince, now)) continue;
            var next = buffer.Next;
            long? end;
            try
            {
                end = _consumer.QueryWatermarkOffsets(new TopicPartition(_options.Topic, partition), TimeSpan.FromSeconds(5)).High.Value;
            }
            catch (KafkaException)
            {
                end = null;
            }
            if (end <= next) continue;
            LogStalled(partition, _stalls.Timeout.TotalSeconds, next, end ?? -1);
            Replace(paused);
            return;
        }
    }

    private void Replace(HashSet<int> paused)
    {
        var old = _consumer;
        var consumer = NewConsumer();
        var positions = _buffers.Select(b => new TopicPartitionOffset(_options.Topic, b.Key, b.Value.Next)).ToList();
        consumer.IncrementalAssign(positions);
        if (paused.Count > 0) consumer.Pause(paused.Select(p => new TopicPartition(_options.Topic, p)));
        _consumer = consumer;
        // Other threads may still be in a call on the old one (watermark queries); it goes once they are done.
        _ = Task.Delay(TimeSpan.FromSeconds(30)).ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
    }

    private void Execute(Action command)
    {
        try
        {
            command();
        }
        catch (KafkaException e)
        {
            LogKafkaError(e.Error.Code, e.Error.Reason);
        }
    }

    // librdkafka's own log (its `debug` setting adds more): warnings and worse as such, the rest at Debug.
    private static LogLevel LevelOf(SyslogLevel level) => level <= SyslogLevel.Error ? LogLevel.Error : level == SyslogLevel.Warning ? LogLevel.Warning : LogLevel.Debug;

    [LoggerMessage(Message = "librdkafka {Facility}: {Text}")]
    private partial void LogLibrdkafka(LogLevel level, string facility, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consumer: {Code} {Reason}")]
    private partial void LogKafkaError(Confluent.Kafka.ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition}: nothing fetched for {Seconds} s from offset {Next}, and the broker's end is {End} (-1: no answer); a new Kafka consumer takes over every partition")]
    private partial void LogStalled(int partition, double seconds, long next, long end);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not commit partition {Partition} to the consumer group: {Reason}")]
    private partial void LogCommitFailed(int partition, string reason);
}
