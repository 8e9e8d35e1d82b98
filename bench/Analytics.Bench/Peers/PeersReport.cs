using Analytics.Bench.Support;

namespace Analytics.Bench.Peers;

/// <summary>The tables of a <c>peers</c> run, its section of RESULTS.md, and its JSON record.</summary>
internal static class PeersReport
{
    public static void Print(PeersSettings settings, List<PhaseResult> results, GridPhase.Outcome? grid, List<(string Engine, int Windows, List<string> Differences)> checks)
    {
        Tables.Print($"Throughput over one log of {settings.Events:N0} events ({settings.Partitions} partitions, {settings.Compression})",
            ["engine", "events/s", "events/s incl. start-up", "start → first record", "first record → all counted", "CPU (cores)", "CPU µs/event", "GC gen0/1/2", "GC pause", "allocated B/event", "load before"],
            results.Select(r => new[]
            {
                r.Engine, Tables.Number(r.EventsPerSecond), Tables.Number(r.EventsPerSecondWithStart), $"{r.StartToFirst.TotalSeconds:F2} s", $"{r.FirstToDone.TotalSeconds:F2} s",
                $"{r.Spent.Cpu / (r.StartToFirst + r.FirstToDone):F2}", $"{r.Spent.Cpu.TotalMicroseconds / r.Events:F1}", $"{r.Spent.Gen0}/{r.Spent.Gen1}/{r.Spent.Gen2}", $"{r.Spent.GcPause.TotalMilliseconds:F0} ms",
                Tables.Number((double)r.Spent.Allocated / r.Events), string.Join(" / ", r.LoadBefore),
            }));

        var ratios = Ratios(results).ToList();
        if (ratios.Count > 0) Tables.Print("Ratios (events/s, first record → all counted)", ["ratio", "value"], ratios.Select(r => new[] { r.Name, $"{r.Value:F2}x" }));

        Tables.Print("Correctness against the reference computation (page_views per site and for `*`, 1 s windows, exact counts)", ["engine", "windows compared", "grid counts == truth"],
            checks.Select(c => new[] { c.Engine, Tables.Number(c.Windows), c.Differences.Count == 0 ? "yes: equal" : "NO: " + string.Join("; ", c.Differences.Take(5)) }));

        if (grid is not null)
        {
            Tables.Print($"{grid.Result.Engine}: pipeline latency of this backlog (analytics_pipeline_latency_seconds, from produce to shard update; includes the wait in Kafka)",
                ["events", "p50", "p95", "p99", "max", "applied first → last"],
                [[Tables.Number(grid.Latency.Count), $"{grid.Latency.P50Ms:F0} ms", $"{grid.Latency.P95Ms:F0} ms", $"{grid.Latency.P99Ms:F0} ms", $"{grid.Latency.MaxMs:F0} ms", $"{grid.AppliedAt.TotalSeconds:F2} s"]]);
            Tables.Print($"{grid.Result.Engine}: where the process went (dotnet-counters style)", ["counter", "value", "per event"],
                grid.Result.Spent.Rows(grid.Result.StartToFirst + grid.Result.FirstToDone, grid.Result.Events));
        }

        foreach (var r in results)
        {
            Tables.Print($"CPU by thread: {r.Engine}", ["threads", "count", "CPU s", "share"],
                r.ThreadCpu.Take(8).Select(t => new[] { t.Group, t.Threads.ToString(), $"{t.Seconds:F2}", $"{t.Seconds / Math.Max(0.001, r.ThreadCpu.Sum(x => x.Seconds)):P0}" }));
        }
    }

    /// <summary>The targets this run checks, with what held the grid back when it missed one.</summary>
    public static Section Section(string commandLine, double[] load, string markdown, List<PhaseResult> results, List<(string Engine, int Windows, List<string> Differences)> checks)
    {
        var grid = results.FirstOrDefault(r => r.Engine.StartsWith(GridPhase.Name, StringComparison.Ordinal));
        var peer = results.FirstOrDefault(r => r.Engine.StartsWith("Streamiz", StringComparison.Ordinal));
        var raw = results.FirstOrDefault(r => r.Engine.StartsWith("raw", StringComparison.Ordinal));
        var engine = results.FirstOrDefault(r => r.Engine == EngineOnly.Name);
        var targets = new List<TargetCheck>();
        var headlines = new List<Headline>();
        if (raw is not null) headlines.Add(new("raw Kafka consume ceiling (decode only)", $"{raw.EventsPerSecond:N0} events/s"));
        if (engine is not null) headlines.Add(new("the grid's window engine without Orleans (1 thread)", $"{engine.EventsPerSecond:N0} events/s"));
        if (peer is not null) headlines.Add(new("Streamiz.Kafka.Net 1.8.2", $"{peer.EventsPerSecond:N0} events/s"));
        if (grid is not null)
        {
            headlines.Add(new("grid", $"{grid.EventsPerSecond:N0} events/s"));
            targets.Add(new($"at least {PeersCommand.TargetEventsPerSecond:N0} events/s through the grid", $"{grid.EventsPerSecond:N0} events/s ({grid.Engine}, a {grid.Events:N0}-event backlog)",
                grid.EventsPerSecond >= PeersCommand.TargetEventsPerSecond, Limits(grid)));
            if (peer is not null)
            {
                var ratio = grid.EventsPerSecond / peer.EventsPerSecond;
                headlines.Add(new("grid ÷ Streamiz", $"{ratio:F2}x"));
                targets.Add(new($"at least {PeersCommand.TargetPeerRatio:F0}x the peer (Streamiz.Kafka.Net)", $"{ratio:F2}x ({grid.EventsPerSecond:N0} vs {peer.EventsPerSecond:N0} events/s)",
                    ratio >= PeersCommand.TargetPeerRatio, ratio >= PeersCommand.TargetPeerRatio ? null : Limits(grid)));
            }
            if (raw is not null) headlines.Add(new("grid ÷ raw consume", $"{grid.EventsPerSecond / raw.EventsPerSecond:F2}x"));
            var check = checks.First(c => c.Engine == grid.Engine);
            targets.Add(new("the grid's counts equal the truth (reference computation)", check.Differences.Count == 0 ? $"yes, {check.Windows:N0} windows equal" : $"no: {check.Differences[0]}", check.Differences.Count == 0));
        }
        return new Section("Throughput against peers, one log", commandLine, load, markdown, targets, headlines);
    }

    /// <summary>What the process spent its time on during the grid's run, from the bench's own counters.</summary>
    private static string Limits(PhaseResult grid)
    {
        var wall = grid.StartToFirst + grid.FirstToDone;
        var total = Math.Max(0.001, grid.ThreadCpu.Sum(t => t.Seconds));
        double Share(Func<string, bool> group) => grid.ThreadCpu.Where(t => group(t.Group)).Sum(t => t.Seconds) / total;
        return $"the process used {grid.Spent.Cpu / wall:F2} of {Environment.ProcessorCount} cores (load average before: {string.Join(" / ", grid.LoadBefore)}); " +
            $"CPU went {Share(g => g.StartsWith(".NET TP Worker", StringComparison.Ordinal)):P0} to the thread pool (grains, stream delivery), " +
            $"{Share(g => g.Contains("GC", StringComparison.Ordinal)):P0} to the garbage collector ({grid.Spent.GcPause / wall:P0} of wall time paused, " +
            $"{(double)grid.Spent.Allocated / grid.Events:N0} B allocated per event), " +
            $"{Share(g => g.StartsWith("rdk:", StringComparison.Ordinal) || g.StartsWith("kafka-feed", StringComparison.Ordinal)):P0} to librdkafka and the embedded broker, " +
            $"{Share(g => g.StartsWith(".NET Tiered", StringComparison.Ordinal)):P0} to the JIT";
    }

    public static object Json(List<PhaseResult> results, GridPhase.Outcome? grid, List<(string Engine, int Windows, List<string> Differences)> checks, double produceRate, long pageViews) => new
    {
        produceRate,
        pageViews,
        engines = results.Select(r => new
        {
            r.Engine, r.Events, r.EventsPerSecond, r.EventsPerSecondWithStart,
            startToFirstSeconds = r.StartToFirst.TotalSeconds, firstToDoneSeconds = r.FirstToDone.TotalSeconds,
            cpuSeconds = r.Spent.Cpu.TotalSeconds, r.Spent.Gen0, r.Spent.Gen1, r.Spent.Gen2, gcPauseMs = r.Spent.GcPause.TotalMilliseconds,
            r.Spent.Allocated, r.Spent.LockContentions, r.Spent.ThreadPoolItems, r.LoadBefore,
            threads = r.ThreadCpu.Select(t => new { t.Group, t.Threads, t.Seconds }),
        }),
        ratios = Ratios(results).Select(r => new { r.Name, r.Value }),
        gridLatency = grid?.Latency,
        correctness = checks.Select(c => new { c.Engine, c.Windows, c.Differences }),
    };

    private static IEnumerable<(string Name, double Value)> Ratios(List<PhaseResult> results)
    {
        foreach (var grid in results.Where(r => r.Engine.StartsWith(GridPhase.Name, StringComparison.Ordinal)))
        {
            foreach (var other in results.Where(r => !r.Engine.StartsWith(GridPhase.Name, StringComparison.Ordinal) && r.Engine != EngineOnly.Name))
                yield return ($"{grid.Engine} ÷ {other.Engine}", grid.EventsPerSecond / other.EventsPerSecond);
        }
    }
}
