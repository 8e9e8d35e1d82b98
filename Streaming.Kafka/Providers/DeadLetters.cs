using System.Text;
using Analytics.Streaming.Kafka.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Analytics.Streaming.Kafka.Providers;

/// <summary>
/// Sends records that cannot be decoded to the dead-letter topic, unchanged, with the reason and their
/// origin in headers. The partition moves past a poison record only once the dead-letter topic has it.
/// </summary>
internal sealed partial class DeadLetters(KafkaClients clients, KafkaStreamStatistics statistics, ILogger logger)
{
    public const string ReasonHeader = "dead-letter-reason";
    public const string OriginHeader = "dead-letter-origin";

    public async Task SendAsync(ConsumeResult<byte[], byte[]> record, string reason, CancellationToken cancellationToken)
    {
        var message = new Message<byte[], byte[]>
        {
            Key = record.Message.Key,
            Value = record.Message.Value,
            Headers = new Headers
            {
                { ReasonHeader, Encoding.UTF8.GetBytes(reason) },
                { OriginHeader, Encoding.UTF8.GetBytes($"{clients.Options.Topic}/{record.Partition.Value}/{record.Offset.Value}") },
            },
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await clients.Producer.ProduceAsync(clients.Options.DeadLetterTopicName, message, cancellationToken);
                statistics.DeadLettered();
                LogDeadLetter(record.Partition.Value, record.Offset.Value, reason);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (!cancellationToken.IsCancellationRequested)
            {
                // Never skip a record that is nowhere else: wait for Kafka to take it.
                LogDeadLetterFailed(record.Partition.Value, record.Offset.Value, e.Error.Reason);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * attempt)), cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Record {Partition}/{Offset} cannot be decoded ({Reason}); sent to the dead-letter topic")]
    private partial void LogDeadLetter(int partition, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Record {Partition}/{Offset} could not be sent to the dead-letter topic ({Reason}); retrying")]
    private partial void LogDeadLetterFailed(int partition, long offset, string reason);
}
