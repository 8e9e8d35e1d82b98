using Microsoft.AspNetCore.SignalR.Client;

namespace Analytics.EndToEndTests.Live;

/// <summary>
/// A .NET client of the hub <c>/hubs/metrics</c>, keeping every push it receives in order, and each window as a
/// page holds it: the newest word on a window, except that a final value is never replaced by a provisional one.
/// </summary>
public sealed class LiveFeed : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly List<WindowsPush> _windows = [];
    private readonly List<TopPagesPush> _topPages = [];

    private LiveFeed(HubConnection hub)
    {
        _hub = hub;
        hub.On<WindowsPush>("windows", push =>
        {
            lock (_windows) _windows.Add(push);
        });
        hub.On<TopPagesPush>("topPages", push =>
        {
            lock (_topPages) _topPages.Add(push);
        });
    }

    public static async Task<LiveFeed> ConnectAsync(string api)
    {
        var feed = new LiveFeed(new HubConnectionBuilder().WithUrl($"{api}/hubs/metrics").Build());
        await feed._hub.StartAsync();
        return feed;
    }

    public Task SubscribeAsync(string site) => _hub.InvokeAsync("Subscribe", site);

    /// <summary>Every window pushed for the site, in the order the pushes arrived.</summary>
    public List<PushedWindow> Pushed(string site)
    {
        lock (_windows) return [.. _windows.Where(p => p.Site == site).SelectMany(p => p.Windows)];
    }

    /// <summary>The site's windows as a page would show them, by metric and start.</summary>
    public Dictionary<(string Metric, long Start), PushedWindow> Held(string site)
    {
        var held = new Dictionary<(string, long), PushedWindow>();
        foreach (var w in Pushed(site))
        {
            if (held.TryGetValue((w.Metric, w.Start), out var earlier) && earlier.Final && !w.Final) continue;
            held[(w.Metric, w.Start)] = w;
        }
        return held;
    }

    public PushedWindow? Held(string site, string metric, long start) => Held(site).GetValueOrDefault((metric, start));

    /// <summary>The newest top pages pushed for the site's minute starting at <paramref name="start"/>.</summary>
    public TopPagesPush? TopPages(string site, long start)
    {
        lock (_topPages) return _topPages.LastOrDefault(p => p.Site == site && p.Start == start);
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}

/// <summary>The hub's <c>windows</c> message (Api/Live/LiveMessages.cs), in the shapes of the query API.</summary>
public sealed record WindowsPush(string Site, PushedWindow[] Windows);

public sealed record PushedWindow(string Metric, long Start, long End, double Value, bool Final);

/// <summary>The hub's <c>topPages</c> message: this minute's most viewed pages.</summary>
public sealed record TopPagesPush(string Site, long Start, long End, bool Final, PushedPage[] Pages);

public sealed record PushedPage(string Page, long Views);
