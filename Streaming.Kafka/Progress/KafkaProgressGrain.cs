using Analytics.Streaming.Kafka.EventTime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Analytics.Streaming.Kafka.Progress;

/// <summary>
/// The checkpoint coordinator of one provider (see <see cref="IKafkaProgressGrain"/>). One activation in the cluster; its
/// calls are few (one per silo per progress interval, one per consumer checkpoint). The rules live in <see cref="ProgressBook"/>;
/// this grain saves the book and supervises consumers on a timer.
/// </summary>
internal sealed partial class KafkaProgressGrain : Grain, IKafkaProgressGrain
{
    private readonly IPersistentState<ProgressState> _state;
    private readonly KafkaStreamOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ProgressBook _book = null!;

    public KafkaProgressGrain(
        IGrainContext context,
        IPersistentStateFactory stateFactory,
        IOptionsMonitor<KafkaStreamOptions> options,
        ILogger<KafkaProgressGrain> logger,
        TimeProvider? time = null)
    {
        _options = options.Get(context.GrainId.Key.ToString());
        _state = stateFactory.Create<ProgressState>(context, new PersistentStateAttribute("progress", _options.ProgressStorage));
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    // A reader that stopped reporting for this long is taken for gone: its partition may have records nobody reads.
    private TimeSpan ReportTimeout => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, _options.ProgressInterval.Ticks * 10));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = new ProgressBook(_state.State, _options.EventTimeRules, _options.Partitions, ReportTimeout, _options.ConsumerTimeout, _time);
        this.RegisterGrainTimer(SaveAndSuperviseAsync, new GrainTimerCreationOptions(_options.CommitInterval, _options.CommitInterval)
        {
            Interleave = false,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public Task<ProgressView> Exchange(PartitionReport[] partitions) => Task.FromResult(_book.Exchange(partitions));

    public Task<ResumePoint?> GetResumePoint(int partition) => Task.FromResult(_book.DurableResumePoint(partition));

    public async Task<long> Register(ConsumerCheckpoint checkpoint)
    {
        var registered = _book.Register(checkpoint, out var isNew);
        // A new consumer holds the final watermark back from now on; that must survive this activation.
        if (isNew) await SaveAsync();
        return registered.AdoptedWatermark;
    }

    public async Task Checkpointed(ConsumerCheckpoint checkpoint)
    {
        if (_book.Checkpointed(checkpoint)) await SaveAsync();
    }

    public Task MissedRecords(string streamKey, ResumePoint from)
    {
        var (partition, _) = StreamKeys.Parse(streamKey);
        _book.RequestRewind(partition, from);
        LogRewind(partition, from.Offset);
        return Task.CompletedTask;
    }

    public async Task Deregister(string streamKey)
    {
        if (_book.Deregister(streamKey)) await SaveAsync();
    }

    public Task<ProviderProgress> GetProgress() => Task.FromResult(_book.Progress());

    public Task<string[]> GetConsumers() => Task.FromResult(_book.Consumers);

    private async Task SaveAndSuperviseAsync(CancellationToken cancellationToken)
    {
        foreach (var key in _book.LostConsumers())
        {
            LogWaking(key);
            GrainFactory.GetGrain<IKafkaStreamConsumer>(key).Wake().Ignore();
        }
        if (_book.BeginSave()) await SaveAsync();
    }

    private async Task SaveAsync()
    {
        _book.BeginSave();
        try
        {
            await _state.WriteStateAsync();
            _book.SaveSucceeded();
        }
        catch (InconsistentStateException e)
        {
            // Another activation of the coordinator saved since this one loaded: this one's book is stale. The next
            // activation loads what was saved; silos and consumers report to it again.
            LogStale(e);
            DeactivateOnIdle();
        }
        catch (Exception e)
        {
            // Durable resume points and watermarks only lag while storage is away; nothing advances past what is saved.
            LogSaveFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Partition {Partition} will be re-read from offset {Offset}")]
    private partial void LogRewind(int partition, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer {StreamKey} reported no checkpoint for a while: waking it")]
    private partial void LogWaking(string streamKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another activation saved the stream progress: this one is stale and deactivates")]
    private partial void LogStale(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save stream progress; retrying at the next interval")]
    private partial void LogSaveFailed(Exception exception);
}
