using System.Runtime.InteropServices;
using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Grains.Sites;

/// <summary>
/// Windows not final yet, with each shard's value kept apart: a shard's report replaces its own value, so
/// repeated and replayed reports are harmless, and the window's value is the sum over shards.
/// </summary>
internal sealed class OpenWindows
{
    private readonly Dictionary<WindowKey, Shares> _windows = [];

    // Per top-pages minute, the views of each page in these windows, kept as they change: top pages then
    // need no pass over every open window.
    private readonly Dictionary<long, Dictionary<string, long>> _pageMinutes = [];

    public int Count => _windows.Count;

    public void Set(int shard, WindowKey key, WindowValue value)
    {
        ref var shares = ref CollectionsMarshal.GetValueRefOrAddDefault(_windows, key, out _);
        shares ??= new Shares();
        var before = shares.Sum;
        shares.Set(shard, value);
        PageViewsChanged(key, shares.Sum.A - before.A);
        if (shares.IsEmpty) _windows.Remove(key);
    }

    /// <summary>Forgets everything a shard reported (before a complete report replaces it).</summary>
    public void Forget(int shard)
    {
        foreach (var (key, shares) in _windows)
        {
            var before = shares.Sum;
            shares.Set(shard, WindowValue.Zero);
            PageViewsChanged(key, shares.Sum.A - before.A);
            if (shares.IsEmpty) _windows.Remove(key);
        }
    }

    /// <summary>Adds the page views these windows hold for minutes starting in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public void AddPageTotals(long from, long to, Dictionary<string, long> totals)
    {
        foreach (var (minute, pages) in _pageMinutes)
        {
            if (minute < from || minute >= to) continue;
            foreach (var (page, views) in pages) totals[page] = totals.GetValueOrDefault(page) + views;
        }
    }

    private void PageViewsChanged(WindowKey key, long delta)
    {
        if (key.Family != WindowFamily.PageViewsOfPage || delta == 0) return;
        var minute = WindowShapes.Floor(key.Start, WindowShapes.TopPagesSize);
        ref var pages = ref CollectionsMarshal.GetValueRefOrAddDefault(_pageMinutes, minute, out _);
        pages ??= [];
        ref var views = ref CollectionsMarshal.GetValueRefOrAddDefault(pages, key.Page!, out _);
        views += delta;
        if (views != 0) return;
        pages.Remove(key.Page!);
        if (pages.Count == 0) _pageMinutes.Remove(minute);
    }

    public WindowValue ValueOf(WindowKey key) =>
        _windows.TryGetValue(key, out var shares) ? shares.Sum : WindowValue.Zero;

    /// <summary>Removes and returns the windows for which <paramref name="closed"/> holds, with their sums.</summary>
    public List<WindowEntry> TakeWhere(Func<WindowKey, bool> closed)
    {
        var taken = new List<WindowEntry>();
        foreach (var (key, shares) in _windows)
        {
            if (!closed(key)) continue;
            taken.Add(new WindowEntry(key, shares.Sum));
            PageViewsChanged(key, -shares.Sum.A);
            _windows.Remove(key);
        }
        return taken;
    }

    public IEnumerable<WindowEntry> Where(Func<WindowKey, bool> predicate) =>
        _windows.Where(w => predicate(w.Key)).Select(w => new WindowEntry(w.Key, w.Value.Sum));

    /// <summary>
    /// The shards' values of one window and their sum, kept as it changes. A window has few shards (a site's
    /// visitors hash to a handful of them, <c>*</c> to all): a short list scanned is cheaper than a map per window.
    /// </summary>
    private sealed class Shares
    {
        private readonly List<(int Shard, WindowValue Value)> _values = new(2);

        public WindowValue Sum { get; private set; }

        public bool IsEmpty => _values.Count == 0;

        public void Set(int shard, WindowValue value)
        {
            var index = IndexOf(shard);
            if (index >= 0)
            {
                Sum -= _values[index].Value;
                if (value.IsZero) RemoveAt(index);
                else _values[index] = (shard, value);
            }
            else if (!value.IsZero) _values.Add((shard, value));
            Sum += value;
        }

        private int IndexOf(int shard)
        {
            for (var i = 0; i < _values.Count; i++)
            {
                if (_values[i].Shard == shard) return i;
            }
            return -1;
        }

        // Order does not matter: the last takes the removed one's place.
        private void RemoveAt(int index)
        {
            _values[index] = _values[^1];
            _values.RemoveAt(_values.Count - 1);
        }
    }
}
