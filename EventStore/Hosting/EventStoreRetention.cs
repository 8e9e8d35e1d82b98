using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.EventStore.Hosting;

/// <summary>
/// Deletes raw events past <c>EventStore:RetentionDays</c> every hour. The store's tables are created by whoever uses it
/// first (this, the shards' writer, a query), so a store that is down when the silo starts does not stop it starting:
/// the silo serves its windows meanwhile, and checkpoints wait for the store.
/// </summary>
internal sealed partial class EventStoreRetention(IEventStore store, IOptions<EventStoreOptions> options, TimeProvider time, ILogger<EventStoreRetention> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var days = options.Value.RetentionDays;
        if (days == 0) return;
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            var cutoff = time.GetUtcNow().AddDays(-days).ToUnixTimeMilliseconds();
            try
            {
                await store.InitializeAsync(stoppingToken);
                Deleted(logger, await store.DeleteOlderThanAsync(cutoff, stoppingToken), cutoff);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next round tries again: retention late by an hour harms nobody.
                Failed(logger, e);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event store retention deleted {Count} events before {Cutoff}")]
    private static partial void Deleted(ILogger logger, long count, long cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event store retention failed; it runs again in an hour")]
    private static partial void Failed(ILogger logger, Exception exception);
}
