using Analytics.Streaming.Kafka.EventTime;
using Analytics.Streaming.Kafka.Progress;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Streaming.Kafka.Consumers;

/// <summary>
/// The stream side of a consumer grain: which records of a batch are new, whether records went missing
/// (then the partition is re-read), which records are late, and the checkpoint protocol with the provider's
/// coordinator (<see cref="CheckpointAsync"/>). The grain keeps <see cref="Checkpoint"/> in its own saved state, so
/// that what it counted and how far it read are always saved together.
/// </summary>
public sealed partial class ConsumerProgress
{
    private readonly string _streamKey;
    private readonly int _partition;
    private readonly IKafkaProgressGrain _coordinator;
    private readonly IKafkaWatermarks _watermarks;
    private readonly EventTimeRules _rules;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private DateTimeOffset _rewindRequestedAt = DateTimeOffset.MinValue;

    // A consumer waiting for a rewind asks again after this long: the request may have been lost with a silo.
    private static readonly TimeSpan RewindRetry = TimeSpan.FromSeconds(5);

    public ConsumerProgress(string providerName, string streamKey, StreamCheckpoint checkpoint, IServiceProvider services)
        : this(
            streamKey, checkpoint,
            services.GetRequiredService<IGrainFactory>().GetGrain<IKafkaProgressGrain>(providerName),
            services.GetRequiredKeyedService<IKafkaWatermarks>(providerName),
            services.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(providerName).EventTimeRules,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILogger<ConsumerProgress>>())
    {
    }

    internal ConsumerProgress(
        string streamKey, StreamCheckpoint checkpoint, IKafkaProgressGrain coordinator, IKafkaWatermarks watermarks,
        EventTimeRules rules, TimeProvider time, ILogger<ConsumerProgress> logger)
    {
        _streamKey = streamKey;
        _partition = StreamKeys.Parse(streamKey).Partition;
        Checkpoint = checkpoint;
        _coordinator = coordinator;
        _watermarks = watermarks;
        _rules = rules;
        _time = time;
        _logger = logger;
    }

    public StreamCheckpoint Checkpoint { get; }

    /// <summary>The event-time formulas this consumer judges by.</summary>
    public EventTimeRules Rules => _rules;

    /// <summary>Windows closing at or before this never change any more.</summary>
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
            RequestRewind(applied == Checkpoint.LastOffset ? Checkpoint.ResumePoint : batch.Floor);
            return ArraySegment<KafkaRecord<T>>.Empty;
        }
        var records = batch.Records;
        var first = 0;
        while (first < records.Length && records[first].Offset <= applied) first++;
        return new ArraySegment<KafkaRecord<T>>(records, first, records.Length - first);
    }

    /// <summary>
    /// Whether an event is late (METRICS.md §2): by its partition's watermark just before it, or by the grid watermark this
    /// consumer adopted, whichever is larger. The consumer's own partition time is a floor for the first: every record it
    /// applies comes after the ones it applied.
    /// </summary>
    public bool IsLate<T>(in KafkaRecord<T> record, long eventTime) =>
        _rules.IsLate(eventTime, Math.Max(record.PartitionTimeBefore, Checkpoint.PartitionTime), Checkpoint.AdoptedWatermark);

    /// <summary>
    /// The event time before which every record still to come is late: what a consumer may forget about
    /// (sessions that can no longer grow, ids whose duplicates would be late).
    /// </summary>
    public long LateBefore() => _rules.LateBefore(Checkpoint.PartitionTime, Checkpoint.AdoptedWatermark);

    /// <summary>Marks a record applied (counted, or judged late): it is never applied again.</summary>
    public void Advance<T>(in KafkaRecord<T> record)
    {
        Checkpoint.LastOffset = record.Offset;
        Checkpoint.PartitionTime = EventTimeRules.Advance(Checkpoint.PartitionTime, record.PartitionTime);
    }

    /// <summary>
    /// A checkpoint, in the one order that keeps counts exact: (1) hand on what was applied (reducers must hold every window
    /// before the final watermark may pass these records), (2) adopt the grid's watermark for the records after this
    /// checkpoint, (3) save the grain's state with <see cref="Checkpoint"/> in one write, and only when both succeeded
    /// (4) tell the coordinator, which may then move the resume point and the final watermark past these records.
    /// A replay after a crash starts from the saved state and judges each record by the same adopted watermark.
    /// </summary>
    /// <param name="handOn">Reports the grain's changes; false when some could not be handed on.</param>
    /// <param name="save">Writes the grain's state; false when the write failed.</param>
    /// <returns>Whether the coordinator heard of the checkpoint.</returns>
    public async Task<bool> CheckpointAsync(Func<Task<bool>> handOn, Func<Task<bool>> save)
    {
        var handedOn = await handOn();
        var adoptedBefore = Checkpoint.AdoptedWatermark;
        Checkpoint.AdoptedWatermark = _rules.Adoptable(adoptedBefore, _watermarks.For(_partition), Checkpoint.PartitionTime);
        if (!await save())
        {
            // Not saved: later records are judged by what is saved, as a replay would judge them.
            Checkpoint.AdoptedWatermark = adoptedBefore;
            return false;
        }
        if (!handedOn) return false;
        await _coordinator.Checkpointed(Report());
        return true;
    }

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
