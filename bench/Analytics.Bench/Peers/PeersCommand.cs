using System.CommandLine;
using Analytics.Bench.Support;
using Analytics.Streaming.Kafka.Embedded;

namespace Analytics.Bench.Peers;

/// <summary>
/// <c>peers</c>: one log, produced once to the embedded broker, read by each engine in turn: a bare consumer
/// (the ceiling), the same with the grid's window engine and no Orleans, Streamiz.Kafka.Net (the peer), and this
/// grid; the peer's and the grid's counts are checked against the reference computation.
/// </summary>
internal static class PeersCommand
{
    private static readonly Option<int> Events = BenchOptions.Of("--events", "Events in the log", 600_000);
    private static readonly Option<int> Sites = BenchOptions.Of("--sites", "Sites in the log", 200);
    private static readonly Option<int> Pages = BenchOptions.Of("--pages", "Pages per site", 300);
    private static readonly Option<TimeSpan> Span = BenchOptions.Of("--span", "Event time the log covers", TimeSpan.FromMinutes(10));
    private static readonly Option<int> Partitions = BenchOptions.Of("--partitions", "Partitions of the topic (and of the grid's and the peer's topics)", 16);
    private static readonly Option<string> Compression = BenchOptions.Of("--compression", "Producer compression of the log", "zstd");
    private static readonly Option<int> Threads = BenchOptions.Of("--peer-threads", "Streamiz stream threads", 2);
    private static readonly Option<TimeSpan> PeerCommit = BenchOptions.Of("--peer-commit", "Streamiz commit interval (the grid checkpoints every 10 s)", TimeSpan.FromSeconds(10));
    private static readonly Option<bool> PeerCaching = BenchOptions.Of("--peer-caching", "Streamiz window store with caching (fewer output records)", false);
    private static readonly Option<string[]> Engines = new("--engines")
    {
        Description = "Which engines to run, in this order: raw (consume and decode), engine (and the shard window engine, no Orleans), " +
            "peer (Streamiz), grid (memory storage, binary state), grid-host (storage as the silo host wires it without PostgreSQL)",
        DefaultValueFactory = _ => ["raw", "engine", "peer", "grid"],
        AllowMultipleArgumentsPerToken = true,
    };
    private static readonly Option<TimeSpan> Timeout = BenchOptions.Of("--timeout", "Longest an engine may take", TimeSpan.FromMinutes(5));
    private static readonly Option<int> Seed = BenchOptions.Of("--seed", "Seed of the log", 1);
    private static readonly Option<int> Warmup = BenchOptions.Of("--warmup-events", "Events of a separate log every engine reads first, unmeasured (0: none)", 300_000);

    /// <summary>The project's targets for throughput through the grid.</summary>
    public const double TargetEventsPerSecond = 150_000;
    public const double TargetPeerRatio = 2;

    public static Command Create()
    {
        var command = new Command("peers", "Throughput of this grid against a bare consumer and Streamiz.Kafka.Net on one log, checked against the reference")
        {
            Events, Sites, Pages, Span, Partitions, Compression, Threads, PeerCommit, PeerCaching, Engines, Timeout, Seed, Warmup, BenchOptions.GridSettings,
        };
        command.SetAction((parse, _) => RunAsync(new PeersSettings(
            parse.GetValue(Events), parse.GetValue(Sites), parse.GetValue(Pages), parse.GetValue(Span), parse.GetValue(Partitions),
            parse.GetValue(Compression)!, new PeerSettings(parse.GetValue(Threads), parse.GetValue(PeerCommit), TimeSpan.FromHours(1), parse.GetValue(PeerCaching)),
            parse.GetValue(Engines)!, parse.GetValue(Timeout), parse.GetValue(Seed), parse.GetValue(Warmup), BenchOptions.GridOverrides(parse)),
            BenchOptions.GridSettingProblems(parse), BenchOptions.JsonPath(parse), BenchOptions.CommandLine(parse)));
        return command;
    }

    private static async Task RunAsync(PeersSettings settings, IEnumerable<string> settingProblems, string json, string commandLine)
    {
        BenchOptions.Check(settings.Problems().Concat(settingProblems));
        var load = Machine.LoadAverageNow();
        var mark = Tables.Mark();
        const string topic = "bench-events";
        var (reference, produceRate) = PrepareLog(settings, out var broker);
        using (broker)
        {
            Tables.Note($"Log: {settings.Events:N0} events ({reference.PageViews:N0} page views) on {settings.Sites} sites over {settings.Span.TotalMinutes:F0} minutes of event time, " +
                $"produced once at {produceRate:N0} events/s to {settings.Partitions} partitions ({settings.Compression}); every engine reads it from the start.");
            if (settings.Grid.Count > 0) Tables.Note($"The grid's silo runs with {string.Join(", ", settings.Grid.Select(g => $"{g.Key}={g.Value}"))} instead of its defaults.");
            var results = new List<PhaseResult>();
            var checks = new List<(string Engine, int Windows, List<string> Differences)>();
            GridPhase.Outcome? grid = null;
            await WarmUpAsync(settings, broker);
            foreach (var engine in settings.Engines)
            {
                Settle();
                switch (engine)
                {
                    case "raw":
                        results.Add(RawConsumer.Run(broker.BootstrapServers, topic, settings.Partitions, settings.Events, settings.Timeout));
                        break;
                    case "engine":
                        results.Add(EngineOnly.Run(broker.BootstrapServers, topic, settings.Partitions, settings.Events, settings.Timeout));
                        break;
                    case "peer":
                        var (result, counts) = await RunPeerAsync(settings, broker, topic, settings.Events, reference.PageViews);
                        results.Add(result);
                        checks.Add((result.Engine, counts.Count, reference.PeerDifferences(counts)));
                        break;
                    default:
                        var outcome = await GridPhase.RunAsync(broker.BootstrapServers, topic, settings.Partitions, settings.Events,
                            engine == "grid" ? StorageFormat.Binary : StorageFormat.Host, settings.Timeout, settings.Grid);
                        await using (outcome.Silo)
                        {
                            checks.Add((outcome.Result.Engine, reference.Windows.Sum(w => w.Value.Count), await reference.GridDifferencesAsync(outcome.Silo.Grains, TimeSpan.FromSeconds(30))));
                        }
                        results.Add(outcome.Result);
                        grid ??= outcome;
                        break;
                }
            }
            PeersReport.Print(settings, results, grid, checks);
            Report.Add(PeersReport.Section(commandLine, load, Tables.Since(mark), results, checks));
            ResultsFile.Append(json, "peers", settings, PeersReport.Json(results, grid, checks, produceRate, reference.PageViews));
        }
    }

    /// <summary>
    /// Runs every engine once over a small log of its own first, so that none is measured while the JIT still compiles
    /// its hot paths (a cold grid replay was ~1.6x slower than a warm one): a server that runs for days is warm.
    /// </summary>
    private static async Task WarmUpAsync(PeersSettings settings, EmbeddedKafka broker)
    {
        if (settings.WarmupEvents == 0) return;
        const string topic = "bench-warmup";
        var start = DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeMilliseconds();
        var log = TrafficLog.Build(settings.WarmupEvents, settings.Sites, settings.Pages, start, TimeSpan.FromMinutes(1), settings.Seed + 1);
        var pageViews = log.LongCount(e => e.Type == Grains.Interfaces.Events.EventType.PageView);
        GridTopics.Create(broker, topic, settings.Partitions);
        BenchKafka.Produce(broker.BootstrapServers, topic, log, settings.Compression);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var engine in settings.Engines.Distinct())
        {
            switch (engine)
            {
                case "raw":
                    RawConsumer.Run(broker.BootstrapServers, topic, settings.Partitions, log.Count, settings.Timeout);
                    break;
                case "engine":
                    EngineOnly.Run(broker.BootstrapServers, topic, settings.Partitions, log.Count, settings.Timeout);
                    break;
                case "peer":
                    await RunPeerAsync(settings, broker, topic, log.Count, pageViews);
                    break;
                default:
                    await using ((await GridPhase.RunAsync(broker.BootstrapServers, topic, settings.Partitions, log.Count,
                        engine == "grid" ? StorageFormat.Binary : StorageFormat.Host, settings.Timeout, settings.Grid)).Silo)
                    {
                    }
                    break;
            }
        }
        Tables.Note($"Warm-up: every engine read a separate {settings.WarmupEvents:N0}-event log first ({clock.Elapsed.TotalSeconds:F0} s); its numbers are not kept.");
    }

    /// <summary>
    /// Streamiz, retried once with a new application (a new consumer group) when it stalls: on the embedded broker a
    /// stream thread caught by a second rebalance is sometimes fenced out of its group and never rejoins.
    /// </summary>
    private static async Task<(PhaseResult Result, Dictionary<(string Site, long Start), long> Counts)> RunPeerAsync(
        PeersSettings settings, EmbeddedKafka broker, string topic, long events, long pageViews)
    {
        try
        {
            return await new StreamizPeer(broker, topic, settings.Partitions, settings.Peer).RunAsync(events, pageViews, settings.Timeout);
        }
        catch (TimeoutException e)
        {
            Tables.Note($"Streamiz stalled ({e.Message}); run again from the start with a new application id.");
            Settle();
            return await new StreamizPeer(broker, topic, settings.Partitions, settings.Peer).RunAsync(events, pageViews, settings.Timeout);
        }
    }

    /// <summary>Builds the log, computes the reference over it, and produces it once; the log itself is dropped before any engine runs.</summary>
    private static (PageViewReference Reference, double ProduceRate) PrepareLog(PeersSettings settings, out EmbeddedKafka broker)
    {
        // The log ends an hour ago: every window of it lies in the past, as in a replay after an outage.
        var start = DateTimeOffset.UtcNow.AddHours(-1).Add(-settings.Span).ToUnixTimeMilliseconds();
        var log = TrafficLog.Build(settings.Events, settings.Sites, settings.Pages, start, settings.Span, settings.Seed);
        var reference = PageViewReference.Of(log);
        broker = EmbeddedKafka.Start();
        GridTopics.Create(broker, "bench-events", settings.Partitions);
        var rate = BenchKafka.Produce(broker.BootstrapServers, "bench-events", log, settings.Compression);
        BenchKafka.CheckComplete(broker.BootstrapServers, "bench-events", settings.Partitions, settings.Events);
        return (reference, rate);
    }

    // Between engines: let the previous one's garbage and threads go, so that it does not bill the next.
    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        Thread.Sleep(TimeSpan.FromSeconds(3));
    }
}

internal sealed record PeersSettings(
    int Events, int Sites, int Pages, TimeSpan Span, int Partitions, string Compression, PeerSettings Peer, string[] Engines, TimeSpan Timeout, int Seed, int WarmupEvents,
    Dictionary<string, string?> Grid)
{
    public bool Runs(string engine) => Engines.Contains(engine);

    public IEnumerable<string> Problems()
    {
        if (Events is < 10_000 or > 5_000_000) yield return "--events must be between 10,000 and 5,000,000";
        if (Sites is < 1 or > 10_000) yield return "--sites must be between 1 and 10,000";
        if (Pages is < 5 or > 10_000) yield return "--pages must be between 5 and 10,000";
        if (Span < TimeSpan.FromSeconds(10) || Span > TimeSpan.FromHours(6)) yield return "--span must be between 10 s and 6 h";
        if (Partitions is < 1 or > 64) yield return "--partitions must be between 1 and 64";
        if (Compression is not ("none" or "gzip" or "snappy" or "lz4" or "zstd")) yield return "--compression must be none, gzip, snappy, lz4 or zstd";
        if (Peer.Threads is < 1 or > 16) yield return "--peer-threads must be between 1 and 16";
        if (Peer.CommitInterval < TimeSpan.FromMilliseconds(100)) yield return "--peer-commit must be at least 100 ms";
        if (Engines.Length == 0 || Engines.Any(e => e is not ("raw" or "engine" or "peer" or "grid" or "grid-host"))) yield return "--engines takes raw, engine, peer, grid and/or grid-host";
        if (Timeout < TimeSpan.FromSeconds(10)) yield return "--timeout must be at least 10 s";
        if (WarmupEvents is < 0 or > 1_000_000) yield return "--warmup-events must be between 0 and 1,000,000";
    }
}
