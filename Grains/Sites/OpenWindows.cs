using System.Runtime.InteropServices;
using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Grains.Sites;

/// <summary>
/// Windows not final yet, with each shard's value kept apart: a shard's report replaces its own value, so
/// repeated and replayed reports are harmless, and the window's value is the sum over shards.
/// </summary>
internal sealed class OpenWindows
{
    private readonly Dictionary<WindowKey, Dictionary<int, WindowValue>> _windows = [];

    public int Count => _windows.Count;

    public void Set(int shard, WindowKey key, WindowValue value)
    {
        ref var shards = ref CollectionsMarshal.GetValueRefOrAddDefault(_windows, key, out var existed);
        shards ??= [];
        if (value.IsZero) shards.Remove(shard);
        else shards[shard] = value;
        if (shards.Count == 0) _windows.Remove(key);
    }

    /// <summary>Forgets everything a shard reported (before a complete report replaces it).</summary>
    public void Forget(int shard)
    {
        foreach (var key in _windows.Where(w => w.Value.Remove(shard) && w.Value.Count == 0).Select(w => w.Key).ToList())
            _windows.Remove(key);
    }

    public WindowValue ValueOf(WindowKey key) =>
        _windows.TryGetValue(key, out var shards) ? Sum(shards) : WindowValue.Zero;

    /// <summary>Removes and returns the windows for which <paramref name="closed"/> holds, with their sums.</summary>
    public List<WindowEntry> TakeWhere(Func<WindowKey, bool> closed)
    {
        var taken = new List<WindowEntry>();
        foreach (var (key, shards) in _windows)
        {
            if (closed(key)) taken.Add(new WindowEntry(key, Sum(shards)));
        }
        foreach (var entry in taken) _windows.Remove(entry.Key);
        return taken;
    }

    public IEnumerable<WindowEntry> Where(Func<WindowKey, bool> predicate) =>
        _windows.Where(w => predicate(w.Key)).Select(w => new WindowEntry(w.Key, Sum(w.Value)));

    private static WindowValue Sum(Dictionary<int, WindowValue> shards)
    {
        var sum = WindowValue.Zero;
        foreach (var value in shards.Values) sum += value;
        return sum;
    }
}
