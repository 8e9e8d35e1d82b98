using Analytics.Grains.Interfaces.Events;
using Microsoft.AspNetCore.SignalR;

namespace Analytics.Api.Live;

/// <summary>
/// The live hub (<c>/hubs/metrics</c>): a browser subscribes to sites and receives their windows as they
/// change. The hub only keeps track of who watches what; updates arrive through <see cref="LiveObserver"/>.
/// </summary>
public sealed class MetricsHub(LiveSubscriptions subscriptions) : Hub
{
    public async Task Subscribe(string site)
    {
        site = SiteName.Normalize(site);
        if (!SiteName.IsValidQuery(site)) throw new HubException("site must be a host name such as shop.example.com, or * for all sites");
        await Groups.AddToGroupAsync(Context.ConnectionId, site);
        subscriptions.Add(Context.ConnectionId, site);
    }

    public async Task Unsubscribe(string site)
    {
        site = SiteName.Normalize(site);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, site);
        subscriptions.Remove(Context.ConnectionId, site);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        return Task.CompletedTask;
    }
}
