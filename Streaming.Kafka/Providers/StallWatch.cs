namespace Analytics.Streaming.Kafka.Providers;

/// <summary>
/// When the feed asks whether a quiet partition is stuck: once it fetched nothing for <see cref="Timeout"/>, and then
/// once per timeout while it stays quiet (a partition with no new records costs one end-offset query per timeout).
/// Runs on the feed's thread only.
/// </summary>
internal sealed class StallWatch(TimeSpan timeout)
{
    private readonly Dictionary<int, DateTimeOffset> _checked = [];

    public TimeSpan Timeout => timeout;

    /// <summary>
    /// True (and the partition counts as checked now) when nothing arrived for the timeout since the later of the last
    /// record and the last check. <paramref name="quietSince"/> is null while a new position is being taken up.
    /// </summary>
    public bool Stalled(int partition, DateTimeOffset? quietSince, DateTimeOffset now)
    {
        if (quietSince is not { } quiet) return false;
        var since = _checked.TryGetValue(partition, out var checkedAt) && checkedAt > quiet ? checkedAt : quiet;
        if (now - since < timeout) return false;
        _checked[partition] = now;
        return true;
    }

    public void Forget(int partition) => _checked.Remove(partition);
}
