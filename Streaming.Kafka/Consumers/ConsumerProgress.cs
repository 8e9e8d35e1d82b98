using Analytics.Streaming.Kafka.Progress;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Streaming.Kafka.Consumers;

/// <summary>
/// The stream side of a consumer grain: which records of a batch are new, whether records went missing
/// (then the partition is re-read), which records are late, and the checkpoint protocol with the provider's
/// coordinator. The grain keeps <see cref="Checkpoint"/> in its own saved state, so that counts and stream
/// position are always saved together.
/// </summary>
public sealed partial class ConsumerProgress
{
    private readonly string _streamKey;
    private readonly IKafkaProgressGrain _coordinator;
    private readonly IKafkaWatermarks _watermarks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _maxOutOfOrdernessMs;
    private DateTimeOffset _rewindRequestedAt = DateTimeOffset.MinValue;

    // A consumer waiting for a rewind asks again after this long: the request may have been lost with a silo.
    private static readonly TimeSpan RewindRetry = TimeSpan.FromSeconds(5);

    public ConsumerProgress(string providerName, string streamKey, StreamCheckpoint checkpoint, IServiceProvider services)
    {
        _streamKey = streamKey;
        Checkpoint = checkpoint;
        _coordinator = services.GetRequiredService<IGrainFactory>().GetGrain<IKafkaProgressGrain>(providerName);
        _watermarks = services.GetRequiredKeyedService<IKafkaWatermarks>(providerName);
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _logger = services.GetRequiredService<ILogger<ConsumerProgress>>();
        _maxOutOfOrdernessMs = (long)services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(providerName).MaxOutOfOrderness.TotalMilliseconds;
    }

    public StreamCheckpoint Checkpoint { get; }

    /// <summary>The grid's watermark as this silo knows it.</summary>
    public long Watermark => _watermarks.Watermark;

    /// <summary>Windows ending at or before this never change any more.</summary>
    public long FinalWatermark => _watermarks.FinalWatermark;

    /// <summary>
    /// Call on activation, after the grain's state is loaded: registers the consumer, so that it holds the final
    /// watermark back, and raises its watermark to the final one, so that no final window can change.
    /// </summary>
    public async Task ActivateAsync() =>
        Checkpoint.AdoptedWatermark = await _coordinator.Register(Report());

    /// <summary>
    /// The records of a batch to apply, in order: those after the last applied one. When the batch shows that
    /// records of this stream were handed on but never applied (a lost activation, a failed delivery), none
    /// are returned and the partition is re-read from the first missing record.
    /// </summary>
    public ArraySegment<KafkaRecord<T>> Admit<T>(KafkaBatch<T> batch)
    {
        // Records before the receiver's floor are saved by every consumer, so an older checkpoint misses none of them.
        var applied = Math.Max(Checkpoint.LastOffset, batch.Floor.Offset - 1);
        var contiguous = batch.PreviousOffset >= 0 ? batch.PreviousOffset <= applied : batch.From <= applied + 1;
        if (!contiguous)
        {
            RequestRewind(applied == Checkpoint.LastOffset
                ? new ResumePoint(applied + 1, Checkpoint.PartitionTime)
                : batch.Floor);
            return ArraySegment<KafkaRecord<T>>.Empty;
        }
        var records = batch.Records;
        var first = 0;
        while (first < records.Length && records[first].Offset <= applied) first++;
        return new ArraySegment<KafkaRecord<T>>(records, first, records.Length - first);
    }

    /// <summary>
    /// Whether an event is late: its time plus the allowed lateness lies before the watermark this consumer
    /// adopted. Never judged by more than its own partition's watermark just before it, so an event within
    /// the out-of-orderness bound of its partition's newest is never late.
    /// </summary>
    public bool IsLate<T>(in KafkaRecord<T> record, long eventTime, long allowedLatenessMs) =>
        eventTime < LateBefore(record.PartitionTimeBefore, allowedLatenessMs);

    /// <summary>
    /// The event time before which every record still to come is late: what a consumer may forget about
    /// (sessions that can no longer grow, ids whose duplicates would be late).
    /// </summary>
    public long LateBefore(long allowedLatenessMs) => LateBefore(long.MinValue, allowedLatenessMs);

    // The consumer's own partition time is a floor for every later record's, also on a replay that
    // recomputes partition times from an earlier point.
    private long LateBefore(long partitionTimeBefore, long allowedLatenessMs)
    {
        var partitionTime = Math.Max(partitionTimeBefore, Checkpoint.PartitionTime);
        if (partitionTime == long.MinValue || Checkpoint.AdoptedWatermark == long.MinValue) return long.MinValue;
        return Math.Min(partitionTime - _maxOutOfOrdernessMs, Checkpoint.AdoptedWatermark) - allowedLatenessMs;
    }

    /// <summary>Marks a record applied (counted, or judged late): it is never applied again.</summary>
    public void Advance<T>(in KafkaRecord<T> record, long eventTime)
    {
        Checkpoint.LastOffset = record.Offset;
        Checkpoint.PartitionTime = Math.Max(Checkpoint.PartitionTime, Math.Max(record.PartitionTimeBefore, eventTime));
    }

    /// <summary>
    /// Call just before saving: takes up the grid's current watermark for the records that come after the save.
    /// Replays after a crash then judge each record by the same watermark as the first time.
    /// </summary>
    public void Adopt() => Checkpoint.AdoptedWatermark = Math.Max(Checkpoint.AdoptedWatermark, Watermark);

    /// <summary>Call after the state (with <see cref="Checkpoint"/>) is saved and its effects handed on.</summary>
    public Task CheckpointedAsync() => _coordinator.Checkpointed(Report());

    /// <summary>Call when deactivating with everything saved and handed on: the consumer stops holding the final watermark back.</summary>
    public Task DeactivatedAsync() => _coordinator.Deregister(_streamKey);

    private ConsumerCheckpoint Report() =>
        new(_streamKey, Checkpoint.LastOffset, Checkpoint.PartitionTime, Checkpoint.AdoptedWatermark);

    private void RequestRewind(ResumePoint from)
    {
        var now = _time.GetUtcNow();
        if (now - _rewindRequestedAt < RewindRetry) return;
        _rewindRequestedAt = now;
        LogMissedRecords(_streamKey, from.Offset);
        _coordinator.MissedRecords(_streamKey, from).Ignore();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {StreamKey} missed records: re-reading its partition from offset {Offset}")]
    private partial void LogMissedRecords(string streamKey, long offset);
}
