namespace Analytics.Streaming.Kafka.Consumers;

/// <summary>
/// The watermarks of a provider as this silo last learned them (every progress interval). Resolve it as a
/// keyed service under the provider's name.
/// </summary>
public interface IKafkaWatermarks
{
    /// <summary>The grid's watermark (ms): the smallest watermark of the partitions that are not idle.</summary>
    long Watermark { get; }

    /// <summary>The watermark every live consumer has adopted and saved: windows ending at or before it are final.</summary>
    long FinalWatermark { get; }
}
