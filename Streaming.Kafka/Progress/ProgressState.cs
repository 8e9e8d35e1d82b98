namespace Analytics.Streaming.Kafka.Progress;

/// <summary>What the progress coordinator saves: it must outlive the coordinator's own activation.</summary>
[GenerateSerializer]
internal sealed class ProgressState
{
    /// <summary>Per partition, where reading resumes after a restart.</summary>
    [Id(0)] public Dictionary<int, ResumePoint> Saved { get; set; } = [];

    /// <summary>Every live consumer's last saved checkpoint, by stream key.</summary>
    [Id(1)] public Dictionary<string, ConsumerCheckpoint> Consumers { get; set; } = [];

    [Id(2)] public long Watermark { get; set; } = long.MinValue;

    [Id(3)] public long FinalWatermark { get; set; } = long.MinValue;
}
