using Analytics.Streaming.Kafka.EventTime;

namespace Analytics.Streaming.Kafka.Consumers;

/// <summary>
/// A provider's progress as this silo last learned it from the coordinator (every progress interval): what grains of the
/// application need of it, and nothing of how it is kept. Resolve it as a keyed service under the provider's name.
/// </summary>
public interface IKafkaWatermarks
{
    /// <summary>The event-time formulas of the provider's settings: what is late, what is final.</summary>
    EventTimeRules Rules { get; }

    /// <summary>The grid's watermark (ms): the smallest watermark of the partitions that are not idle.</summary>
    long Watermark { get; }

    /// <summary>The watermark every live consumer has adopted and saved: windows closing at or before it are final.</summary>
    long FinalWatermark { get; }

    /// <summary>
    /// The final watermark as the coordinator saved it: at least any final watermark a grain of any silo has been told, so a
    /// new activation (its silo died) shows final every window an older one showed final.
    /// </summary>
    Task<long> GetFinalWatermarkAsync();

    /// <summary>What a consumer of the partition may adopt (see <see cref="EventTimeRules.Adoptable"/>).</summary>
    PartitionWatermark For(int partition);

    /// <summary>The stream keys of the live consumers: the grains that may hold records not yet final.</summary>
    Task<string[]> GetConsumersAsync();
}
