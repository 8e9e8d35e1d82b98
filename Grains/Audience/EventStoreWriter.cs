using System.Threading.Channels;
using Analytics.EventStore;
using Microsoft.Extensions.Logging;

namespace Analytics.Grains.Audience;

/// <summary>
/// Writes the settled events of the silo's shards to the event store. Shards hand their events on as they settle and
/// await them before saving a checkpoint; the writer gathers what every shard handed on meanwhile into one write, so
/// a silo's many shards cost one store round trip at a time, not one each. A write that fails fails every hand-on in
/// it: the shards then do not save, and hand the events on again.
/// </summary>
internal sealed partial class EventStoreWriter(IEventStore store, ILogger<EventStoreWriter> logger)
{
    /// <summary>At most this many events in one write; more wait for the next.</summary>
    public const int MaxBatch = 50_000;

    private readonly Channel<HandedOn> _queue = Channel.CreateUnbounded<HandedOn>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _start = new();
    private Task? _running;

    /// <summary>Completes once the store holds the events; faults when the write failed.</summary>
    public Task WriteAsync(List<StoredEvent> events)
    {
        if (events.Count == 0) return Task.CompletedTask;
        var handedOn = new HandedOn(events, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_start) _running ??= Task.Run(RunAsync);
        _queue.Writer.TryWrite(handedOn);
        return handedOn.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<HandedOn>();
        var events = new List<StoredEvent>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            events.Clear();
            while (events.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                events.AddRange(next.Events);
            }
            try
            {
                await store.InitializeAsync();
                await store.WriteAsync(events);
                foreach (var h in batch) h.Done.SetResult();
            }
            catch (Exception e)
            {
                LogWriteFailed(events.Count, e);
                foreach (var h in batch) h.Done.SetException(e);
            }
        }
    }

    private sealed record HandedOn(List<StoredEvent> Events, TaskCompletionSource Done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Count} events to the event store; their shards keep them and try again")]
    private partial void LogWriteFailed(int count, Exception exception);
}
