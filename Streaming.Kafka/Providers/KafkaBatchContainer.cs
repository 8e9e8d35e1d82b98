using Analytics.Streaming.Kafka.Consumers;
using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Analytics.Streaming.Kafka.Providers;

/// <summary>One stream's share of one pull: a whole <see cref="KafkaBatch{T}"/> travels as one stream item.</summary>
[GenerateSerializer, Immutable]
internal sealed class KafkaBatchContainer<T>(StreamId streamId, EventSequenceTokenV2 token, KafkaBatch<T> batch) : IBatchContainer
{
    [Id(0)] public StreamId StreamId { get; } = streamId;

    [Id(1)] public EventSequenceTokenV2 Token { get; } = token;

    [Id(2)] public KafkaBatch<T> Batch { get; } = batch;

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<TItem, StreamSequenceToken>> GetEvents<TItem>()
    {
        if (Batch is TItem item) yield return Tuple.Create(item, (StreamSequenceToken)Token);
    }

    public bool ImportRequestContext() => false;
}
