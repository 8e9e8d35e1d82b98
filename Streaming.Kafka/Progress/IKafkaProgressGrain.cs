namespace Analytics.Streaming.Kafka.Progress;

/// <summary>
/// The checkpoint coordinator of one Kafka stream provider (keyed by the provider's name). Silos report
/// partition progress to it; consumers report their saved checkpoints. From both it derives the grid's
/// watermark, the final watermark, the saved resume position of each partition, and rewinds for
/// consumers that lost records.
/// </summary>
public interface IKafkaProgressGrain : IGrainWithStringKey
{
    /// <summary>A silo's periodic report of the partitions it reads; answers with what its receivers and grains need.</summary>
    Task<ProgressView> Exchange(PartitionReport[] partitions);

    /// <summary>Where a partition's reading resumes, when a receiver starts.</summary>
    Task<ResumePoint?> GetResumePoint(int partition);

    /// <summary>
    /// A consumer activated: from now on it holds the final watermark back. Answers the watermark it must judge
    /// lateness by: its saved one, raised to the final watermark, so that no final window can change.
    /// </summary>
    Task<long> Register(ConsumerCheckpoint checkpoint);

    /// <summary>A consumer saved its state, with the watermark it adopted.</summary>
    Task Checkpointed(ConsumerCheckpoint checkpoint);

    /// <summary>A consumer saw that records of its stream were handed on but never applied: re-read its partition from <paramref name="from"/>.</summary>
    Task MissedRecords(string streamKey, ResumePoint from);

    /// <summary>A consumer deactivated with everything it applied saved and handed on: it no longer holds the final watermark back.</summary>
    Task Deregister(string streamKey);

    Task<ProviderProgress> GetProgress();

    /// <summary>The stream keys of the live consumers.</summary>
    Task<string[]> GetConsumers();
}

/// <summary>Implemented by consumer grains, so that the coordinator can wake one that stopped reporting (its silo died).</summary>
public interface IKafkaStreamConsumer : IGrainWithStringKey
{
    Task Wake();
}
