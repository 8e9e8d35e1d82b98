using System.Collections.Concurrent;
using Analytics.LoadGenerator.Sinks;

namespace Analytics.LoadGenerator.Running;

/// <summary>Counts of a run, written by every sender at once and read by the progress display.</summary>
public sealed class RunStatistics
{
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private long _sent, _accepted, _failed, _clientErrors;
    private string? _lastClientError;

    /// <summary>Events handed to the sink.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Failed events by reason, most frequent first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Failures => [.. _failures.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal)];

    /// <summary>Errors of the client itself (not of one event), and the last of them.</summary>
    public long ClientErrors => Interlocked.Read(ref _clientErrors);

    public string? LastClientError => Volatile.Read(ref _lastClientError);

    public void Sending(int events) => Interlocked.Add(ref _sent, events);

    public void Record(SendResult result)
    {
        Interlocked.Add(ref _accepted, result.Accepted);
        if (result.Failed == 0) return;
        Interlocked.Add(ref _failed, result.Failed);
        _failures.AddOrUpdate(result.Failure ?? "unknown", result.Failed, (_, n) => n + result.Failed);
    }

    public void ClientError(string message)
    {
        Interlocked.Increment(ref _clientErrors);
        Volatile.Write(ref _lastClientError, message);
    }
}
