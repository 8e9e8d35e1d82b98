using Analytics.Streaming.Kafka.Consumers;
using Analytics.Streaming.Kafka.Diagnostics;
using Analytics.Streaming.Kafka.EventTime;
using Analytics.Streaming.Kafka.Progress;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Analytics.Streaming.Kafka.Providers;

/// <summary>
/// Reads one Kafka partition for the Orleans pulling agent that owns it. A pull takes what the shared
/// feed buffered, decodes it, sends poison records to the dead-letter topic, and groups the rest by
/// stream: each stream gets one container per pull, however many records it holds.
/// It starts where the coordinator saved the partition's resume point, and never waits on Kafka.
/// </summary>
internal sealed partial class KafkaReceiver<T> : IQueueAdapterReceiver
{
    private readonly int _partition;
    private readonly KafkaStreamOptions _options;
    private readonly IKafkaEventCodec<T> _codec;
    private readonly KafkaClients _clients;
    private readonly DeadLetters _deadLetters;
    private readonly ProgressReporter _reporter;
    private readonly KafkaStreamStatistics _statistics;
    private readonly ILogger _logger;
    private readonly StreamId[] _streams;
    private readonly Guid _incarnation = Guid.NewGuid();
    private readonly object _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private PartitionBuffer? _buffer;
    private PartitionLedger? _ledger;
    private RewindRequest? _pendingRewind;
    private long _rewindDone;
    private long _committed = -1;
    private long _endAtStart = -1;
    private long _sequence;
    private bool _idle;
    private Task _starting = Task.CompletedTask;

    public KafkaReceiver(
        int partition, KafkaStreamOptions options, IKafkaEventCodec<T> codec, KafkaClients clients,
        ProgressReporter reporter, KafkaStreamStatistics statistics, ILoggerFactory loggerFactory)
    {
        _partition = partition;
        _options = options;
        _codec = codec;
        _clients = clients;
        _reporter = reporter;
        _statistics = statistics;
        _logger = loggerFactory.CreateLogger<KafkaReceiver<T>>();
        _deadLetters = new DeadLetters(clients, statistics, _logger);
        _streams = [.. Enumerable.Range(0, options.StreamsPerPartition).Select(s => StreamKeys.StreamId(options.StreamNamespace, partition, s))];
    }

    public int Partition => _partition;

    /// <summary>The start begun by <see cref="Initialize"/>: done once the receiver reads, gave up, or was shut down first.</summary>
    internal Task Starting => _starting;

    public Task Initialize(TimeSpan timeout)
    {
        // Never fail or hang the agent over a transient broker or coordinator error: keep trying in the
        // background; until then pulls return nothing. Shutdown waits for this start to end.
        _starting = Task.Run(StartAsync);
        return Task.CompletedTask;
    }

    private async Task StartAsync()
    {
        for (var attempt = 1; !_stop.IsCancellationRequested; attempt++)
        {
            try
            {
                var start = await _reporter.ResumePointAsync(_partition) ?? KafkaStart();
                // The consumer's cached end offset may date from an earlier stint of this silo on the partition:
                // it could make a receiver that has records to read look caught up, and idle.
                var endAtStart = _clients.Feed.QueryHighWatermark(_partition);
                lock (_lock)
                {
                    // A shutdown that came while this start waited on the broker wins: nothing is opened after it.
                    if (_stop.IsCancellationRequested) return;
                    _endAtStart = endAtStart;
                    _ledger = new PartitionLedger(_options.StreamsPerPartition, start);
                    _buffer = _clients.Feed.Open(_partition, start.Offset);
                    _reporter.Attach(this);
                }
                LogStarted(_partition, start.Offset);
                return;
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                LogStartFailed(_partition, attempt, e);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 200 * attempt)), _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // No saved resume point: a grid that never saved one starts at the group's committed offset, else at the beginning.
    private ResumePoint KafkaStart() =>
        new(_clients.Feed.Committed(_partition) ?? _clients.Feed.LowWatermark(_partition), long.MinValue);

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        PartitionBuffer? buffer;
        lock (_lock)
        {
            if (_pendingRewind is { } rewind) Rewind(rewind);
            buffer = _buffer;
        }
        if (buffer is null || buffer.Count == 0) return [];

        var records = buffer.Take(_options.MaxRecordsPerPull);
        var byStream = new List<KafkaRecord<T>>?[_streams.Length];
        var previous = new long[_streams.Length];
        foreach (var record in records)
        {
            T item;
            try
            {
                item = _codec.Decode(record.Message.Value);
            }
            catch (FormatException e)
            {
                await _deadLetters.SendAsync(record, e.Message, cancellationToken);
                lock (_lock) _ledger!.Skip(record.Offset.Value);
                continue;
            }
            var stream = StreamKeys.StreamOf(record.Message.Key ?? [], _streams.Length);
            lock (_lock)
            {
                var list = byStream[stream];
                if (list is null)
                {
                    byStream[stream] = list = [];
                    previous[stream] = _ledger!.PreviousOf(stream);
                }
                var partitionTimeBefore = _ledger!.Hand(record.Offset.Value, _codec.PartitionTimeOf(item), stream);
                list.Add(new KafkaRecord<T>(record.Offset.Value, partitionTimeBefore, _ledger.PartitionTime, item));
            }
        }

        var containers = new List<IBatchContainer>(_streams.Length);
        var ledger = _ledger!;
        for (var s = 0; s < _streams.Length; s++)
        {
            if (byStream[s] is not { } list) continue;
            var batch = new KafkaBatch<T>
            {
                Partition = _partition,
                PreviousOffset = previous[s],
                From = ledger.From,
                Floor = ledger.Floor,
                Records = [.. list],
            };
            containers.Add(new KafkaBatchContainer<T>(_streams[s], new EventSequenceTokenV2(_sequence++), batch));
        }
        return containers;
    }

    // Delivered containers need no acknowledgement: progress is what consumers report saved, not what was delivered.
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

    public async Task Shutdown(TimeSpan timeout)
    {
        lock (_lock) _stop.Cancel();
        await _starting.WaitAsync(timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // The coordinator hears that this receiver let go: until another reports, the partition is unread, never idle.
        PartitionReport? last;
        lock (_lock) last = _ledger is null ? null : Report() with { Released = true };
        _reporter.Detach(this, last);
        if (_buffer is { } buffer) _clients.Feed.Close(_partition, buffer);
        _statistics.ClearLag(_partition);
    }

    /// <summary>This partition's progress, for the coordinator.</summary>
    internal PartitionReport Report()
    {
        lock (_lock)
        {
            var ledger = _ledger!;
            var end = Math.Max(_clients.Feed.HighWatermark(_partition), _endAtStart);
            var idle = Idleness.IsIdle(end, ledger.Position, _buffer!.Count, _buffer.QuietSince, _clients.Time.GetUtcNow(), _options.IdleTimeout);
            if (idle != _idle) LogIdleness(_partition, _idle = idle, ledger.Position, end);
            if (end >= 0) _statistics.SetLag(_partition, Math.Max(0, end - ledger.Position));
            return new PartitionReport(
                _partition, _incarnation, ledger.Position, ledger.PartitionTime, idle, end,
                [.. ledger.LastHanded], ledger.ProposedResumePoint(), _rewindDone, ledger.Floor);
        }
    }

    /// <summary>What the coordinator answered: consumer checkpoints, the saved resume point, a rewind.</summary>
    internal void Apply(PartitionView view)
    {
        lock (_lock)
        {
            _ledger!.Saved(view.Checkpoints);
            if (view.Rewind is { } rewind && rewind.Id > _rewindDone) _pendingRewind = rewind;
        }
        // Only durable resume points reach Kafka: a restart from the group's offset never skips unsaved records.
        if (view.Durable.Offset > _committed)
        {
            _committed = view.Durable.Offset;
            _clients.Feed.Commit(_partition, view.Durable.Offset);
        }
    }

    private void Rewind(RewindRequest rewind)
    {
        var ledger = _ledger!;
        // Records before the floor are saved by every consumer: there is no need to read them again.
        var to = rewind.To.Offset < ledger.Floor.Offset ? ledger.Floor : rewind.To;
        if (to.Offset < ledger.Position)
        {
            ledger.Seek(to);
            _clients.Feed.Seek(_partition, to.Offset);
            LogRewound(_partition, to.Offset);
        }
        _rewindDone = rewind.Id;
        _pendingRewind = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading partition {Partition} from offset {Offset}")]
    private partial void LogStarted(int partition, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition {Partition} could not start (attempt {Attempt}); retrying")]
    private partial void LogStartFailed(int partition, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partition {Partition} idle: {Idle} (position {Position}, end {End})")]
    private partial void LogIdleness(int partition, bool idle, long position, long end);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition} rewound to offset {Offset} for a consumer that missed records")]
    private partial void LogRewound(int partition, long offset);
}
