namespace Analytics.Bench.Support;

/// <summary>
/// CPU time per thread of this process, from /proc/self/task, grouped by thread name: it shows whether the
/// time goes to librdkafka's threads (rdk:*), the Kafka feed thread, the .NET thread pool (where grains run),
/// or the garbage collector. Threads that ended between two snapshots are not counted.
/// </summary>
internal static class ThreadCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static Dictionary<int, (string Name, double Seconds)> Snapshot()
    {
        var threads = new Dictionary<int, (string, double)>();
        if (!Directory.Exists("/proc/self/task")) return threads;
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // The name is in parentheses and may hold spaces; the fields after it are space-separated.
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = double.Parse(fields[11]) + double.Parse(fields[12]); // utime, stime
                threads[int.Parse(Path.GetFileName(dir))] = (stat[(open + 1)..close], ticks / TicksPerSecond);
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }
        return threads;
    }

    /// <summary>CPU seconds per thread group between two snapshots, busiest first.</summary>
    public static List<(string Group, int Threads, double Seconds)> Between(
        Dictionary<int, (string Name, double Seconds)> start, Dictionary<int, (string Name, double Seconds)> end) =>
        [.. end.Select(t => (Group: GroupOf(t.Value.Name), Seconds: t.Value.Seconds - (start.TryGetValue(t.Key, out var s) ? s.Seconds : 0)))
            .GroupBy(t => t.Group)
            .Select(g => (g.Key, g.Count(t => t.Seconds > 0), g.Sum(t => t.Seconds)))
            .Where(g => g.Item3 > 0.005)
            .OrderByDescending(g => g.Item3)];

    // Numbered threads of one kind (".NET TP Worker", "rdk:broker3") count as one group.
    private static string GroupOf(string name) => name.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ' ', '#', '-');
}
