using System.CommandLine;
using System.Diagnostics;
using Analytics.Bench.Support;
using Analytics.Streaming.Kafka.Embedded;

namespace Analytics.Bench.Latency;

/// <summary>
/// <c>latency</c>: pipeline latency at fixed rates. Events are produced straight to Kafka at each rate against a
/// silo in this process, stamped when sent; the grid's own histogram (analytics_pipeline_latency_seconds)
/// measures from that stamp to the shard's state update. A warm-up is left out of the numbers.
/// </summary>
internal static class LatencyCommand
{
    private static readonly Option<int[]> Rates = new("--rate")
    {
        Description = "Events per second; one run per value",
        DefaultValueFactory = _ => [1_000, 50_000],
        AllowMultipleArgumentsPerToken = true,
    };
    private static readonly Option<TimeSpan> Duration = BenchOptions.Of("--duration", "Measured time per rate", TimeSpan.FromSeconds(60));
    private static readonly Option<TimeSpan> Warmup = BenchOptions.Of("--warmup", "Time per rate before measuring (activations, JIT)", TimeSpan.FromSeconds(10));
    private static readonly Option<int> Partitions = BenchOptions.Of("--partitions", "Partitions of the topic (the grid's default is 12)", 12);
    private static readonly Option<int> Visits = BenchOptions.Of("--visits", "Concurrent visits the traffic comes from", 20_000);
    private static readonly Option<int> Seed = BenchOptions.Of("--seed", "Seed of the traffic", 1);
    private static readonly Option<StorageFormat> State = BenchOptions.Of("--grid-state", "Grain storage: Binary (memory storage with the serializer the host gives PostgreSQL) or Host (as the silo host wires it without PostgreSQL)", StorageFormat.Binary);

    /// <summary>The project's targets: p99 at most 50 ms at 1,000 events/s and 250 ms at 50,000.</summary>
    private static double? TargetP99Ms(int rate) => rate switch { 1_000 => 50, 50_000 => 250, _ => null };

    public static Command Create()
    {
        var command = new Command("latency", "Pipeline latency (p50/p95/p99) at fixed produce rates") { Rates, Duration, Warmup, Partitions, Visits, Seed, State, BenchOptions.GridSettings };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(Rates)!, parse.GetValue(Duration), parse.GetValue(Warmup), parse.GetValue(Partitions),
            parse.GetValue(Visits), parse.GetValue(Seed), parse.GetValue(State), BenchOptions.GridOverrides(parse), BenchOptions.GridSettingProblems(parse),
            BenchOptions.JsonPath(parse), BenchOptions.CommandLine(parse)));
        return command;
    }

    private static async Task RunAsync(int[] rates, TimeSpan duration, TimeSpan warmup, int partitions, int visits, int seed, StorageFormat state,
        Dictionary<string, string?> grid, IEnumerable<string> settingProblems, string json, string commandLine)
    {
        BenchOptions.Check(Problems(rates, duration, warmup, partitions, visits).Concat(settingProblems));
        var load = Machine.LoadAverageNow();
        var mark = Tables.Mark();
        using var broker = EmbeddedKafka.Start();
        var runs = new List<RateRun>();
        foreach (var rate in rates) runs.Add(await RunRateAsync(broker, rate, duration, warmup, partitions, state, grid, new LiveTraffic(visits, seed)));

        Tables.Print($"Pipeline latency at fixed rates ({duration.TotalSeconds:F0} s measured after {warmup.TotalSeconds:F0} s warm-up, {partitions} partitions)",
            ["target rate", "produced/s", "applied/s", "p50", "p95", "p99", "max", "p99 target", "CPU (cores)", "GC gen0/1/2", "GC pause", "load before"],
            runs.Select(r => new[]
            {
                Tables.Number(r.Rate), Tables.Number(r.ProducedPerSecond), Tables.Number(r.AppliedPerSecond),
                $"{r.Latency.P50Ms:F1} ms", $"{r.Latency.P95Ms:F1} ms", $"{r.Latency.P99Ms:F1} ms", $"{r.Latency.MaxMs:F0} ms",
                TargetP99Ms(r.Rate) is { } target ? $"≤ {target} ms: {(r.Latency.P99Ms <= target ? "met" : "MISSED")}" : "",
                $"{r.Spent.Cpu / duration:F2}", $"{r.Spent.Gen0}/{r.Spent.Gen1}/{r.Spent.Gen2}", $"{r.Spent.GcPause.TotalMilliseconds:F0} ms", string.Join(" / ", r.LoadBefore),
            }));
        foreach (var run in runs)
        {
            Tables.Print($"CPU by thread at {run.Rate:N0} events/s", ["threads", "count", "CPU s", "share"],
                run.ThreadCpu.Take(10).Select(t => new[] { t.Group, t.Threads.ToString(), $"{t.Seconds:F2}", $"{t.Seconds / Math.Max(0.001, run.ThreadCpu.Sum(x => x.Seconds)):P0}" }));
        }
        if (grid.Count > 0) Tables.Note($"The grid's silo ran with {string.Join(", ", grid.Select(g => $"{g.Key}={g.Value}"))} instead of its defaults.");
        Tables.Note("Latency: from the moment the event was produced (its IngestedAtMicros, which the ingestion endpoint sets when it accepts an event) " +
            "to the shard grain's update, as the grid records it in analytics_pipeline_latency_seconds (every value, in 1 % buckets); " +
            $"the producer, the broker and one silo ({(state == StorageFormat.Binary ? "memory storage, binary state" : "storage as the silo host wires it without PostgreSQL")}) share this machine's cores.");
        Report.Add(new Section("Pipeline latency at fixed rates", commandLine, load, Tables.Since(mark),
            [.. runs.Where(r => TargetP99Ms(r.Rate) is not null).Select(r => new TargetCheck(
                $"p99 pipeline latency at most {TargetP99Ms(r.Rate)} ms at {r.Rate:N0} events/s",
                $"p99 {r.Latency.P99Ms:F1} ms (p50 {r.Latency.P50Ms:F1}, p95 {r.Latency.P95Ms:F1}; {r.AppliedPerSecond:N0} events/s applied)",
                r.Latency.P99Ms <= TargetP99Ms(r.Rate),
                r.Latency.P99Ms <= TargetP99Ms(r.Rate) ? null : Limits(r, duration)))],
            [.. runs.Select(r => new Headline($"p99 latency at {r.Rate:N0} events/s", $"{r.Latency.P99Ms:F1} ms"))]));
        ResultsFile.Append(json, "latency", new { rates, duration, warmup, partitions, visits, seed, state = state.ToString(), grid }, runs.Select(r => new
        {
            r.Rate, r.ProducedPerSecond, r.AppliedPerSecond, r.Latency, targetP99Ms = TargetP99Ms(r.Rate), cpuSeconds = r.Spent.Cpu.TotalSeconds,
            r.Spent.Gen0, r.Spent.Gen1, r.Spent.Gen2, gcPauseMs = r.Spent.GcPause.TotalMilliseconds, r.Spent.Allocated, r.LoadBefore,
            threads = r.ThreadCpu.Select(t => new { t.Group, t.Threads, t.Seconds }),
        }));
    }

    private sealed record RateRun(int Rate, double ProducedPerSecond, double AppliedPerSecond, LatencySummary Latency, ProcessCounters Spent,
        List<(string Group, int Threads, double Seconds)> ThreadCpu, double[] LoadBefore);

    private static string Limits(RateRun run, TimeSpan duration)
    {
        var total = Math.Max(0.001, run.ThreadCpu.Sum(t => t.Seconds));
        var busiest = string.Join(", ", run.ThreadCpu.Take(3).Select(t => $"{t.Group.Trim()} {t.Seconds / total:P0}"));
        return $"the process used {run.Spent.Cpu / duration:F2} of {Environment.ProcessorCount} cores (busiest threads: {busiest}); " +
            $"GC paused {run.Spent.GcPause / duration:P1} of the time ({run.Spent.Gen0}/{run.Spent.Gen1}/{run.Spent.Gen2} collections); " +
            $"load average before: {string.Join(" / ", run.LoadBefore)}";
    }

    private static async Task<RateRun> RunRateAsync(
        EmbeddedKafka broker, int rate, TimeSpan duration, TimeSpan warmup, int partitions, StorageFormat state, Dictionary<string, string?> grid, LiveTraffic traffic)
    {
        var topic = $"latency-{rate}";
        GridTopics.Create(broker, topic, partitions);
        var load = Machine.LoadAverageNow();
        using var listener = new PipelineListener();
        await using var silo = await GridSilo.StartAsync(broker.BootstrapServers, topic, partitions, state, grid);
        var producer = new PacedProducer(broker.BootstrapServers, topic, rate, traffic);
        var producing = producer.RunAsync(warmup + duration);

        await Task.Delay(warmup);
        listener.Latency.Reset();
        var (sentBefore, appliedBefore) = (producer.Sent, listener.Applied);
        var counters = ProcessCounters.Now();
        var threads = ThreadCpu.Snapshot();
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration);
        var (sent, applied, elapsed) = (producer.Sent - sentBefore, listener.Applied - appliedBefore, clock.Elapsed);
        var spent = ProcessCounters.Now().Since(counters);
        var cpu = ThreadCpu.Between(threads, ThreadCpu.Snapshot());

        await producing;
        if (producer.Failed > 0) throw new InvalidOperationException($"{producer.Failed} events were not acknowledged by the broker.");
        // The events still in flight at the end count too: their latency is part of the run.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (listener.Applied < producer.Sent && DateTime.UtcNow < deadline) await Task.Delay(20);
        return new RateRun(rate, sent / elapsed.TotalSeconds, applied / elapsed.TotalSeconds, listener.Latency.Summary(), spent, cpu, load);
    }

    private static IEnumerable<string> Problems(int[] rates, TimeSpan duration, TimeSpan warmup, int partitions, int visits)
    {
        if (rates.Length == 0 || rates.Any(r => r is < 1 or > 500_000)) yield return "--rate must be values between 1 and 500,000";
        if (duration < TimeSpan.FromSeconds(5) || duration > TimeSpan.FromMinutes(30)) yield return "--duration must be between 5 s and 30 min";
        if (warmup < TimeSpan.Zero || warmup > TimeSpan.FromMinutes(5)) yield return "--warmup must be between 0 and 5 min";
        if (partitions is < 1 or > 64) yield return "--partitions must be between 1 and 64";
        if (visits is < 1 or > 1_000_000) yield return "--visits must be between 1 and 1,000,000";
    }
}
