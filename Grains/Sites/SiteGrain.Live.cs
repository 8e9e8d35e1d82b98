using Analytics.Grains.Interfaces.Live;
using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Grains.Sites;

internal sealed partial class SiteGrain
{
    private const int LiveTopPages = 10;

    // Top pages are a sum and a sort over the minute's pages: pushed at most this often, not at every flush, which is
    // plenty for a dashboard and keeps a busy site's hub traffic to one ranking a second.
    private const long TopPagesEveryMs = 1000;
    private readonly HashSet<WindowKey> _changed = [];
    private long? _changedMinute;
    private long _topPushedAt = -TopPagesEveryMs;

    /// <summary>Notes a window that changed (a report, or finalization), for the next live push.</summary>
    private void Changed(WindowKey key)
    {
        if (key.Family == WindowFamily.PageViewsOfPage)
        {
            var minute = WindowShapes.Floor(key.Start, WindowShapes.TopPagesSize);
            _changedMinute = Math.Max(_changedMinute ?? minute, minute);
            return;
        }
        _changed.Add(key);
    }

    /// <summary>Hands this flush's changes to the silo's live push grain: one small message per site per flush.</summary>
    private async Task PushChangesAsync()
    {
        var now = Environment.TickCount64;
        var topDue = _changedMinute is not null && now - _topPushedAt >= TopPagesEveryMs;
        if (_changed.Count == 0 && !topDue) return;
        var windows = _changed
            .Select(key => (Key: key, Final: IsFinal(key, _finalizedTo)))
            .Select(w => new LiveWindow(w.Key.Family, w.Key.Start, w.Final ? _final.ValueOf(w.Key) : _open.ValueOf(w.Key), w.Final))
            .Where(w => Metrics.Exists(w.Family, w.Value) || !w.Final)
            .ToArray();
        LiveTopPages? top = null;
        if (topDue && _changedMinute is { } minute)
        {
            var pages = await GetTopPages(minute, minute + WindowShapes.TopPagesSize, LiveTopPages);
            top = new LiveTopPages(minute, _watermarks.Rules.IsFinal(minute + WindowShapes.TopPagesSize, _finalizedTo), pages);
            _changedMinute = null;
            _topPushedAt = now;
        }
        _changed.Clear();
        await GrainFactory.GetGrain<ILivePushGrain>(0).Publish(new LiveUpdate(Site, windows, top));
    }
}
