using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.EventStore.Hosting;

/// <summary>Creates the store's tables before the host takes traffic, then deletes raw events past <c>EventStore:RetentionDays</c> every hour.</summary>
internal sealed partial class EventStoreRetention(IEventStore store, IOptions<EventStoreOptions> options, TimeProvider time, ILogger<EventStoreRetention> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

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
