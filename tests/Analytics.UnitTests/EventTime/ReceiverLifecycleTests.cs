using Analytics.Streaming.Kafka;
using Analytics.Streaming.Kafka.Diagnostics;
using Analytics.Streaming.Kafka.Progress;
using Analytics.Streaming.Kafka.Providers;
using Analytics.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.UnitTests.EventTime;

/// <summary>A partition's reader starting and stopping on the embedded broker, with a coordinator the test controls.</summary>
public sealed class ReceiverLifecycleTests : IDisposable
{
    private const int Partition = 3;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly KafkaStreamOptions _options = new()
    {
        BootstrapServers = SharedKafka.Broker.BootstrapServers,
        Topic = SharedKafka.NewTopic(12),
        Partitions = 12,
    };
    private readonly Coordinator _coordinator = new();
    private readonly ProgressReporter _reporter;
    private readonly KafkaClients _clients;

    public ReceiverLifecycleTests()
    {
        _reporter = new ProgressReporter(() => _coordinator, _options, NullLogger<ProgressReporter>.Instance);
        _clients = new KafkaClients(_options, NullLoggerFactory.Instance, TimeProvider.System);
    }

    private KafkaReceiver<int> Receiver() =>
        new(Partition, _options, new IntCodec(), _clients, _reporter, new KafkaStreamStatistics(_options.Topic), NullLoggerFactory.Instance);

    [Fact]
    public async Task A_receiver_shut_down_while_it_starts_never_reads_nor_reports_afterwards()
    {
        _coordinator.Hold();
        var receiver = Receiver();
        await receiver.Initialize(TimeSpan.FromSeconds(1));
        await Eventually.True(() => _coordinator.ResumePointsAsked > 0, Deadline, "the start to ask for its resume point");

        await receiver.Shutdown(TimeSpan.FromMilliseconds(100));
        _coordinator.Release();
        await receiver.Starting.WaitAsync(Deadline);

        await _reporter.ExchangeAsync();
        Assert.DoesNotContain(_coordinator.Reports, r => r.Partition == Partition);
        Assert.Empty(await receiver.GetQueueMessagesAsync(100));
    }

    [Fact]
    public async Task Shutting_down_an_old_receiver_leaves_a_newer_one_of_the_same_partition_reading_and_reporting()
    {
        var old = Receiver();
        await old.Initialize(TimeSpan.FromSeconds(1));
        await old.Starting.WaitAsync(Deadline);
        var newer = Receiver();
        await newer.Initialize(TimeSpan.FromSeconds(1));
        await newer.Starting.WaitAsync(Deadline);

        await old.Shutdown(TimeSpan.FromSeconds(1));
        await _reporter.ExchangeAsync();

        var reports = _coordinator.Reports.Where(r => r.Partition == Partition).ToList();
        Assert.Equal(2, reports.Count);
        Assert.Single(reports, r => r.Released);
        Assert.Single(reports, r => !r.Released);
        Assert.NotEqual(reports.Single(r => r.Released).Incarnation, reports.Single(r => !r.Released).Incarnation);
    }

    public void Dispose() => _clients.Dispose();

    private sealed class IntCodec : IKafkaEventCodec<int>
    {
        public int Decode(ReadOnlySpan<byte> value) => BitConverter.ToInt32(value);

        public long PartitionTimeOf(int item) => item;

        public byte[] EncodeKey(int item) => BitConverter.GetBytes(item);

        public byte[] EncodeValue(int item) => BitConverter.GetBytes(item);
    }

    private sealed class Coordinator : IKafkaProgressGrain
    {
        private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _asked;

        public Coordinator() => _held.SetResult();

        public int ResumePointsAsked => Volatile.Read(ref _asked);

        public List<PartitionReport> Reports { get; } = [];

        public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _held.TrySetResult();

        public async Task<ResumePoint?> GetResumePoint(int partition)
        {
            Interlocked.Increment(ref _asked);
            await _held.Task;
            return ResumePoint.Start;
        }

        public Task<ProgressView> Exchange(PartitionReport[] partitions)
        {
            Reports.AddRange(partitions);
            return Task.FromResult(new ProgressView(long.MinValue, long.MinValue, [], []));
        }

        public Task<long> Register(ConsumerCheckpoint checkpoint) => throw new NotSupportedException();

        public Task Checkpointed(ConsumerCheckpoint checkpoint) => throw new NotSupportedException();

        public Task MissedRecords(string streamKey, ResumePoint from) => throw new NotSupportedException();

        public Task Deregister(string streamKey) => throw new NotSupportedException();

        public Task<ProviderProgress> GetProgress() => throw new NotSupportedException();

        public Task<string[]> GetConsumers() => throw new NotSupportedException();
    }
}
