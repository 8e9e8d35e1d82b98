using System.Collections.Concurrent;
using Analytics.Streaming.Kafka.Consumers;
using Analytics.Streaming.Kafka.EventTime;
using Analytics.Streaming.Kafka.Providers;
using Microsoft.Extensions.Logging;

namespace Analytics.Streaming.Kafka.Progress;

/// <summary>
/// A silo's link to its provider's coordinator: every progress interval it reports the partitions this silo
/// reads and hands back what the coordinator answers: consumer checkpoints and rewinds to the receivers,
/// watermarks to the silo's grains. One call per interval per silo, whatever the traffic.
/// </summary>
/// <param name="coordinator">The provider's coordinator grain (resolved on use: the grain factory is not ready when the silo builds this).</param>
internal sealed partial class ProgressReporter(Func<IKafkaProgressGrain> coordinator, KafkaStreamOptions options, ILogger<ProgressReporter> logger)
    : IKafkaWatermarks, IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, IProgressSource> _receivers = new();
    // Last reports of receivers that let go of their partition, sent with the next exchange.
    private readonly ConcurrentQueue<PartitionReport> _released = new();
    private PartitionWatermark[] _partitionWatermarks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger = logger;
    private Task? _loop;
    private long _watermark = long.MinValue;
    private long _finalWatermark = long.MinValue;
    private int _failures;

    internal interface IProgressSource
    {
        int Partition { get; }

        PartitionReport Report();

        void Apply(PartitionView view);
    }

    public EventTimeRules Rules { get; } = options.EventTimeRules;

    public long Watermark => Interlocked.Read(ref _watermark);

    public long FinalWatermark => Interlocked.Read(ref _finalWatermark);

    private IKafkaProgressGrain Coordinator => coordinator();

    public void Start() => _loop ??= Task.Run(RunAsync);

    public void Attach<T>(KafkaReceiver<T> receiver) => _receivers[receiver.Partition] = new Source<T>(receiver);

    /// <summary>
    /// Stops reporting a receiver, and sends its last report (marked released) with the next exchange. A newer receiver of the
    /// same partition on this silo stays attached.
    /// </summary>
    public void Detach<T>(KafkaReceiver<T> receiver, PartitionReport? last)
    {
        foreach (var (partition, source) in _receivers)
        {
            if (source is Source<T> attached && ReferenceEquals(attached.Receiver, receiver))
                _receivers.TryRemove(new KeyValuePair<int, IProgressSource>(partition, source));
        }
        if (last is not null) _released.Enqueue(last);
    }

    public PartitionWatermark For(int partition)
    {
        var watermarks = Volatile.Read(ref _partitionWatermarks);
        return partition < watermarks.Length ? watermarks[partition] : PartitionWatermark.None;
    }

    public Task<string[]> GetConsumersAsync() => Coordinator.GetConsumers();

    public async Task<long> GetFinalWatermarkAsync() => Math.Max(FinalWatermark, (await Coordinator.GetProgress()).FinalWatermark);

    public Task<ResumePoint?> ResumePointAsync(int partition) => Coordinator.GetResumePoint(partition);

    /// <summary>One exchange now; also what the loop does every interval.</summary>
    public async Task ExchangeAsync()
    {
        var reports = new List<PartitionReport>();
        while (_released.TryDequeue(out var released)) reports.Add(released);
        reports.AddRange(_receivers.Values.Select(s => s.Report()));
        var view = await Coordinator.Exchange([.. reports]);
        Interlocked.Exchange(ref _watermark, view.Watermark);
        Interlocked.Exchange(ref _finalWatermark, view.FinalWatermark);
        Volatile.Write(ref _partitionWatermarks, view.Watermarks);
        foreach (var partition in view.Partitions)
        {
            if (_receivers.TryGetValue(partition.Partition, out var source)) source.Apply(partition);
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(options.ProgressInterval);
        try
        {
            do
            {
                try
                {
                    await ExchangeAsync();
                    _failures = 0;
                }
                catch (Exception e) when (!_stop.IsCancellationRequested)
                {
                    // The coordinator may be moving between silos; watermarks just hold still meanwhile.
                    if (_failures++ % 50 == 0) LogExchangeFailed(e);
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_loop is not null) await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private sealed class Source<T>(KafkaReceiver<T> receiver) : IProgressSource
    {
        public KafkaReceiver<T> Receiver => receiver;

        public int Partition => receiver.Partition;

        public PartitionReport Report() => receiver.Report();

        public void Apply(PartitionView view) => receiver.Apply(view);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not exchange stream progress with the coordinator")]
    private partial void LogExchangeFailed(Exception exception);
}
