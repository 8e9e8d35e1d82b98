using Analytics.Grains.Interfaces.Live;
using Microsoft.AspNetCore.SignalR;

namespace Analytics.Api.Live;

/// <summary>This web host's grain observer: it forwards each site's updates to the browsers watching it.</summary>
public sealed class LiveObserver(IHubContext<MetricsHub> hub) : ILiveObserver
{
    public async Task OnUpdates(LiveUpdate[] updates)
    {
        foreach (var update in updates)
        {
            var group = hub.Clients.Group(update.Site);
            if (update.Windows.Length > 0) await group.SendAsync("windows", LiveMessages.Windows(update));
            if (update.TopPages is { } top) await group.SendAsync("topPages", LiveMessages.TopPages(update.Site, top));
        }
    }
}
