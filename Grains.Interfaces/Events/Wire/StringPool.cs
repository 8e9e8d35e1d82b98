using System.Collections.Concurrent;

namespace Analytics.Grains.Interfaces.Events.Wire;

/// <summary>
/// One string object per distinct short value, for the fields that repeat across events (site, page): the
/// decoder allocates a site and a page per event otherwise, and equal references also compare fastest in the
/// shards' maps. Bounded, so that hostile input with endless distinct values only stops being pooled.
/// </summary>
internal static class StringPool
{
    public const int MaxLength = 128;
    private const int MaxEntries = 100_000;
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Pool.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string Of(ReadOnlySpan<char> value)
    {
        if (Lookup.TryGetValue(value, out var pooled)) return pooled;
        var text = new string(value);
        return Pool.Count < MaxEntries ? Pool.GetOrAdd(text, text) : text;
    }
}
