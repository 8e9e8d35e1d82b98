using Analytics.Grains.Interfaces.Live;
using Microsoft.AspNetCore.SignalR;

namespace Analytics.Api.Live;

/// <summary>
/// Keeps this web host registered with the grid as a receiver of live updates (refreshing before the
/// registration lapses, and at once when browsers start watching a new site), and sends every browser
/// the pipeline's health every two seconds.
/// </summary>
public sealed partial class LiveRegistration(
    IGrainFactory grains, LiveObserver observer, LiveSubscriptions subscriptions, IHubContext<MetricsHub> hub, ILogger<LiveRegistration> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(20);
    private readonly SemaphoreSlim _wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<ILiveObserver>(observer);
        subscriptions.SitesChanged += Wake;
        var registeredAt = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var woken = await _wake.WaitAsync(Period, stoppingToken);
                try
                {
                    if (woken || DateTimeOffset.UtcNow - registeredAt > Refresh)
                    {
                        await grains.GetGrain<ILiveDirectoryGrain>(0).Register(reference, subscriptions.Sites);
                        registeredAt = DateTimeOffset.UtcNow;
                    }
                    await hub.Clients.All.SendAsync("pipeline", await grains.GetGrain<IPipelineStatsGrain>(0).Get(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogGridUnreachable(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            subscriptions.SitesChanged -= Wake;
            grains.DeleteObjectReference<ILiveObserver>(reference);
        }
    }

    private void Wake() => _wake.Release();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the grid for live updates; retrying")]
    private partial void LogGridUnreachable(Exception exception);
}
