using Analytics.Streaming.Kafka;
using Analytics.Streaming.Kafka.Consumers;
using Analytics.Streaming.Kafka.EventTime;
using Analytics.Streaming.Kafka.Progress;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.UnitTests.EventTime;

/// <summary>The consumer's one checkpoint call: hand on, adopt, save, and only then tell the coordinator.</summary>
public sealed class ConsumerCheckpointOrderTests
{
    private static readonly EventTimeRules Rules = new(MaxOutOfOrdernessMs: 2000, AllowedLatenessMs: 0);
    private readonly List<string> _steps = [];
    private readonly Coordinator _coordinator;
    private readonly Watermarks _watermarks = new() { Partition = new PartitionWatermark(Grid: 50_000, Adoptable: 50_000) };
    private readonly ConsumerProgress _progress;

    public ConsumerCheckpointOrderTests()
    {
        _coordinator = new Coordinator(_steps);
        var checkpoint = new StreamCheckpoint { LastOffset = 9, PartitionTime = 40_000, AdoptedWatermark = 10_000 };
        _progress = new ConsumerProgress("3-0", checkpoint, _coordinator, _watermarks, Rules, new FakeTimeProvider(), NullLogger<ConsumerProgress>.Instance);
    }

    private Func<Task<bool>> Step(string name, bool ok = true) => () =>
    {
        _steps.Add($"{name} adopted={_progress.Checkpoint.AdoptedWatermark}");
        return Task.FromResult(ok);
    };

    [Fact]
    public async Task A_checkpoint_hands_on_then_adopts_then_saves_then_tells_the_coordinator()
    {
        Assert.True(await _progress.CheckpointAsync(Step("hand on"), Step("save")));
        Assert.Equal(["hand on adopted=10000", "save adopted=50000", "checkpointed 9 adopted=50000"], _steps);
    }

    [Fact]
    public async Task A_failed_save_tells_nobody_and_keeps_judging_by_what_is_saved()
    {
        Assert.False(await _progress.CheckpointAsync(Step("hand on"), Step("save", ok: false)));
        Assert.Equal(["hand on adopted=10000", "save adopted=50000"], _steps);
        Assert.Equal(10_000, _progress.Checkpoint.AdoptedWatermark);
    }

    [Fact]
    public async Task Windows_not_handed_on_are_still_saved_but_the_coordinator_does_not_hear_of_it()
    {
        Assert.False(await _progress.CheckpointAsync(Step("hand on", ok: false), Step("save")));
        Assert.Equal(["hand on adopted=10000", "save adopted=50000"], _steps);
    }

    [Fact]
    public async Task A_consumer_of_a_busy_partition_adopts_no_more_than_its_partition_watermark()
    {
        _watermarks.Partition = new PartitionWatermark(Grid: 50_000, Adoptable: 20_000);
        await _progress.CheckpointAsync(Step("hand on"), Step("save"));
        Assert.Equal(38_000, _progress.Checkpoint.AdoptedWatermark);
    }

    [Fact]
    public void Records_are_judged_by_the_larger_of_their_partition_watermark_and_the_adopted_one()
    {
        Assert.True(_progress.IsLate(new KafkaRecord<int>(10, 40_000, 40_000, 0), eventTime: 37_999));
        Assert.False(_progress.IsLate(new KafkaRecord<int>(10, 40_000, 40_000, 0), eventTime: 38_000));
        // A replay that does not know the partition time before a record still has the consumer's own as a floor.
        Assert.True(_progress.IsLate(new KafkaRecord<int>(10, long.MinValue, 40_000, 0), eventTime: 37_999));
    }

    private sealed class Watermarks : IKafkaWatermarks
    {
        public PartitionWatermark Partition { get; set; }

        public EventTimeRules Rules => ConsumerCheckpointOrderTests.Rules;

        public long Watermark => Partition.Grid;

        public long FinalWatermark => EventTimeRules.None;

        public PartitionWatermark For(int partition) => partition == 3 ? Partition : PartitionWatermark.None;

        public Task<string[]> GetConsumersAsync() => Task.FromResult<string[]>([]);

        public Task<long> GetFinalWatermarkAsync() => Task.FromResult(FinalWatermark);
    }

    private sealed class Coordinator(List<string> steps) : IKafkaProgressGrain
    {
        public Task Checkpointed(ConsumerCheckpoint checkpoint)
        {
            steps.Add($"checkpointed {checkpoint.LastOffset} adopted={checkpoint.AdoptedWatermark}");
            return Task.CompletedTask;
        }

        public Task<ProgressView> Exchange(PartitionReport[] partitions) => throw new NotSupportedException();

        public Task<ResumePoint?> GetResumePoint(int partition) => throw new NotSupportedException();

        public Task<long> Register(ConsumerCheckpoint checkpoint) => throw new NotSupportedException();

        public Task MissedRecords(string streamKey, ResumePoint from) => throw new NotSupportedException();

        public Task Deregister(string streamKey) => throw new NotSupportedException();

        public Task<ProviderProgress> GetProgress() => throw new NotSupportedException();

        public Task<string[]> GetConsumers() => throw new NotSupportedException();
    }
}
