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

    public int Count => _windows.Count;

    public void Set(int shard, WindowKey key, WindowValue value)
    {
        ref var shares = ref CollectionsMarshal.GetValueRefOrAddDefault(_windows, key, out _);
        shares ??= new Shares();
        shares.Set(shard, value);
        if (shares.IsEmpty) _windows.Remove(key);
    }

    /// <summary>Forgets everything a shard reported (before a complete report replaces it).</summary>
    public void Forget(int shard)
    {
        foreach (var (key, shares) in _windows)
        {
            shares.Set(shard, WindowValue.Zero);
            if (shares.IsEmpty) _windows.Remove(key);
        }
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
