using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Grains.Sites;

/// <summary>
/// A reducer's final windows, over its saved state: the site's windows by family, page views per minute
/// for top pages, and per-page seconds until their page grain has them. Pure logic, no Orleans.
/// </summary>
internal sealed class FinalWindows(SiteState state)
{
    private const int SecondsPerMinute = (int)(WindowShapes.TopPagesSize / WindowShapes.Second);

    public void Keep(WindowKey key, WindowValue value)
    {
        if (!Metrics.Exists(key.Family, value)) return;
        if (key.Family != WindowFamily.PageViewsOfPage)
        {
            if (!state.Final.TryGetValue(key.Family, out var windows)) state.Final[key.Family] = windows = [];
            windows[key.Start] = value;
            return;
        }
        var minute = WindowShapes.Floor(key.Start, WindowShapes.TopPagesSize);
        if (!state.PageMinutes.TryGetValue(minute, out var pages)) state.PageMinutes[minute] = pages = [];
        pages[key.Page!] = pages.GetValueOrDefault(key.Page!) + value.A;
        if (!state.PendingPages.TryGetValue(minute, out var pending)) state.PendingPages[minute] = pending = [];
        if (!pending.TryGetValue(key.Page!, out var seconds)) pending[key.Page!] = seconds = new int[SecondsPerMinute];
        seconds[(key.Start - minute) / WindowShapes.Second] = (int)value.A;
    }

    /// <summary>Drops what is older than the retention period.</summary>
    public void Prune(long oldest)
    {
        foreach (var windows in state.Final.Values) RemoveBefore(windows, oldest);
        RemoveBefore(state.PageMinutes, oldest);
    }

    /// <summary>The windows of a family starting in [from, to), oldest first.</summary>
    public IEnumerable<WindowAnswer> Query(WindowFamily family, long from, long to) =>
        state.Final.TryGetValue(family, out var windows)
            ? windows.SkipWhile(w => w.Key < from).TakeWhile(w => w.Key < to).Select(w => new WindowAnswer(w.Key, w.Value, Final: true))
            : [];

    /// <summary>One final window's value (zero when it holds nothing), by lookup: a flush that finalizes many windows asks for each.</summary>
    public WindowValue ValueOf(WindowKey key) =>
        state.Final.TryGetValue(key.Family, out var windows) && windows.TryGetValue(key.Start, out var value) ? value : WindowValue.Zero;

    /// <summary>Per-page seconds still held here (not yet handed to the page's grain).</summary>
    public IEnumerable<WindowAnswer> QueryPage(string page, long from, long to)
    {
        foreach (var (minute, pages) in state.PendingPages)
        {
            if (!pages.TryGetValue(page, out var seconds)) continue;
            for (var i = 0; i < seconds.Length; i++)
            {
                var start = minute + i * WindowShapes.Second;
                if (seconds[i] > 0 && start >= from && start < to) yield return new WindowAnswer(start, new WindowValue(seconds[i]), Final: true);
            }
        }
    }

    /// <summary>The oldest minute whose per-page seconds are still held here.</summary>
    public long? OldestPendingMinute => state.PendingPages.Count == 0 ? null : state.PendingPages.Keys.First();

    /// <summary>Page views per page over the minutes starting in [from, to).</summary>
    public Dictionary<string, long> PageTotals(long from, long to)
    {
        var totals = new Dictionary<string, long>();
        foreach (var (minute, pages) in state.PageMinutes)
        {
            if (minute < from || minute >= to) continue;
            foreach (var (page, views) in pages) totals[page] = totals.GetValueOrDefault(page) + views;
        }
        return totals;
    }

    /// <summary>The per-page minutes that are complete: every second of them is final.</summary>
    public List<(long Minute, Dictionary<string, int[]> Pages)> CompletePageMinutes(Func<long, bool> isFinal) =>
        [.. state.PendingPages.Where(m => isFinal(m.Key)).Select(m => (m.Key, m.Value))];

    public void HandedOver(long minute, string page)
    {
        if (!state.PendingPages.TryGetValue(minute, out var pages)) return;
        pages.Remove(page);
        if (pages.Count == 0) state.PendingPages.Remove(minute);
    }

    private static void RemoveBefore<T>(SortedDictionary<long, T> windows, long oldest)
    {
        while (windows.Count > 0 && windows.Keys.First() < oldest) windows.Remove(windows.Keys.First());
    }
}
