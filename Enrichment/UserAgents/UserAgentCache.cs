using System.Collections.Concurrent;

namespace Analytics.Enrichment.UserAgents;

/// <summary>
/// A bounded memo from user-agent string to what it says. Real traffic repeats a few thousand strings, and parsing
/// one takes a thousand regexes, so most events are answered from here. Two generations of at most
/// <c>capacity</c> entries each approximate least-recently-used cheaply: when the current one is full it becomes the
/// previous one and the one before is dropped; a hit in the previous generation is carried into the current one.
/// At most 2 × capacity entries of at most <see cref="UserAgentText.MaxLength"/> characters are held.
/// </summary>
internal sealed class UserAgentCache<T>(int capacity)
{
    private sealed class Generation
    {
        public readonly ConcurrentDictionary<string, T> Entries = new(StringComparer.Ordinal);
        public int Count;
    }

    private readonly Lock gate = new();
    private Generation current = new();
    private Generation previous = new();

    /// <summary>What <paramref name="userAgent"/> says, from memory or from <paramref name="compute"/> (which may run twice for one string under a race: it is a pure function).</summary>
    public T GetOrAdd<TState>(string userAgent, Func<string, TState, T> compute, TState state)
    {
        if (capacity == 0) return compute(userAgent, state);
        var now = Volatile.Read(ref current);
        if (now.Entries.TryGetValue(userAgent, out var value)) return value;
        if (!Volatile.Read(ref previous).Entries.TryGetValue(userAgent, out value)) value = compute(userAgent, state);
        if (now.Entries.TryAdd(userAgent, value) && Interlocked.Increment(ref now.Count) >= capacity) Rotate(now);
        return value;
    }

    private void Rotate(Generation full)
    {
        lock (gate)
        {
            if (!ReferenceEquals(current, full)) return;
            Volatile.Write(ref previous, full);
            Volatile.Write(ref current, new Generation());
        }
    }
}
