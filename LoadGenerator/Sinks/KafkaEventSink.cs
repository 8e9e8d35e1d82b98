using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Events.Wire;
using Analytics.Streaming.Kafka;
using Confluent.Kafka;

namespace Analytics.LoadGenerator.Sinks;

/// <summary>
/// Produces straight to the grid's topic, bypassing the API, the way the ingestion endpoint would: the grid's
/// producer settings, key = <see cref="AnalyticsEvent.PartitionKey"/>, value = <see cref="EventWireFormat"/>, and
/// the ingestion time stamped when the batch is handed over, which is where the pipeline latency starts.
/// </summary>
public sealed class KafkaEventSink : IEventSink
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly string _topic;
    private readonly TimeProvider _time;

    /// <param name="onClientError">Told of errors of the client itself (for example no broker reachable), which no single event reports.</param>
    public KafkaEventSink(KafkaStreamOptions options, TimeProvider time, Action<string> onClientError)
    {
        _topic = options.Topic;
        _time = time;
        _producer = new ProducerBuilder<string, byte[]>(KafkaClientConfig.Producer(options))
            .SetErrorHandler((_, error) => onClientError($"Kafka {error.Code}: {error.Reason}"))
            // Its log repeats what the error handler reports; on the console it would tear the progress display.
            .SetLogHandler((_, _) => { })
            .Build();
    }

    public Task<SendResult> SendAsync(IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken)
    {
        var ingestedAt = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        var batch = new BatchDelivery(events.Count);
        foreach (var e in events)
        {
            var stamped = e with { IngestedAtMicros = ingestedAt };
            try
            {
                _producer.Produce(_topic, new Message<string, byte[]> { Key = stamped.PartitionKey, Value = EventWireFormat.Encode(stamped) }, batch.Report);
            }
            catch (KafkaException refused)
            {
                // Refused at once, for example with a full local queue: this event fails, the others go on.
                batch.Fail(refused.Error.Code);
            }
        }
        return batch.Answer;
    }

    public ValueTask DisposeAsync()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// One answer for a whole batch, completed by the last delivery report. A callback per message instead of a
    /// task per message keeps the producer's cost per event low when running flat out.
    /// </summary>
    private sealed class BatchDelivery
    {
        private readonly TaskCompletionSource<SendResult> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly int _count;
        private int _pending, _failed;
        private string? _failure;

        public BatchDelivery(int count)
        {
            _count = _pending = count;
            if (count == 0) _answer.SetResult(SendResult.Delivered(0));
        }

        public Task<SendResult> Answer => _answer.Task;

        public void Report(DeliveryReport<string, byte[]> report)
        {
            if (report.Error.IsError) Fail(report.Error.Code);
            else Done();
        }

        public void Fail(Confluent.Kafka.ErrorCode code)
        {
            Interlocked.CompareExchange(ref _failure, $"Kafka {code}", null);
            Interlocked.Increment(ref _failed);
            Done();
        }

        private void Done()
        {
            if (Interlocked.Decrement(ref _pending) != 0) return;
            var failed = Volatile.Read(ref _failed);
            _answer.SetResult(new SendResult(_count - failed, failed, failed == 0 ? null : _failure));
        }
    }
}
