using System.Runtime;
using System.Runtime.InteropServices;

namespace Analytics.Bench.Support;

/// <summary>
/// The machine a result was measured on, and how busy it was: numbers from a 2-core box shared with other
/// engineers' builds mean little without the load average next to them.
/// </summary>
internal sealed record Machine(int Cores, string Cpu, double RamGiB, string Os, string Runtime, string Gc, double[] LoadAverage)
{
    public static Machine Describe() => new(
        Environment.ProcessorCount,
        FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Math.Round(MemTotalKiB() / 1024.0 / 1024.0, 1),
        OsName(),
        RuntimeInformation.FrameworkDescription,
        GCSettings.IsServerGC ? "server" : "workstation",
        LoadAverageNow());

    /// <summary>The 1, 5 and 15 minute load averages; empty where /proc is missing.</summary>
    public static double[] LoadAverageNow()
    {
        if (!File.Exists("/proc/loadavg")) return [];
        return [.. File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
    }

    public override string ToString() =>
        $"{Cores} cores ({Cpu}), {RamGiB} GiB RAM, {Os}, {Runtime}, {Gc} GC, load {string.Join(" / ", LoadAverage)}";

    private static string OsName()
    {
        var pretty = FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"');
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : null;
        return pretty is null ? RuntimeInformation.OSDescription : kernel is null ? pretty : $"{pretty}, Linux {kernel}";
    }

    private static long MemTotalKiB()
    {
        var text = FirstValue("/proc/meminfo", "MemTotal");
        return text is null ? 0 : long.Parse(text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
    }

    private static string? FirstValue(string path, string key, char separator = ':')
    {
        if (!File.Exists(path)) return null;
        return File.ReadLines(path)
            .Select(line => line.Split(separator, 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == key)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
    }
}
