using Analytics.LoadGenerator.Cli;
using Analytics.LoadGenerator.Metrics;
using Analytics.LoadGenerator.Pacing;
using Analytics.LoadGenerator.Reporting;
using Analytics.LoadGenerator.Sinks;
using Analytics.LoadGenerator.Traffic;
using Analytics.Streaming.Kafka;
using Spectre.Console;

namespace Analytics.LoadGenerator.Running;

/// <summary>One run from the command line: check the settings, read the latency histogram, send, wait for the grid, report.</summary>
public static class LoadRun
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(5);

    /// <returns>0 when the run completed; 1 when every event failed; 2 for wrong settings.</returns>
    public static async Task<int> ExecuteAsync(LoadOptions options, CancellationToken stop)
    {
        var console = AnsiConsole.Console;
        // Spectre wraps at 80 columns when the output is a file; a CI log reads better with the table on one line.
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            foreach (var problem in problems) console.MarkupLine($"[red]Invalid setting:[/] {Markup.Escape(problem)}");
            return 2;
        }

        var time = TimeProvider.System;
        var traffic = new TrafficGenerator(options.Traffic);
        var statistics = new RunStatistics();
        var pacer = new RatePacer(options.TargetRate, options.BatchSize);
        using var scrapes = new HttpClient { Timeout = ScrapeTimeout };
        var probe = new LatencyProbe(scrapes, options.LatencyEndpoints);
        var before = await probe.ScrapeAsync(CancellationToken.None);
        var startedAt = time.GetUtcNow();

        console.MarkupLine(Markup.Escape(
            $"Sending {options.ScenarioName} traffic ({(options.TargetRate is { } r ? $"{r:#,0.##} events/s" : "flat out")}) " +
            $"to {Destination(options)} for {DurationText.Format(options.Duration)}, {options.Connections} at once, batches of {options.BatchSize}. Ctrl+C stops early."));
        TimeSpan elapsed;
        await using (var sink = CreateSink(options, time, statistics))
        {
            var driver = new LoadDriver(traffic, pacer, sink, options.Connections, time, statistics);
            elapsed = await LiveProgress.ShowAsync(console, driver.RunAsync(options.Duration, stop), statistics, pacer, options.Duration);
        }

        var expected = statistics.Accepted - traffic.Counts.Duplicates - traffic.Counts.Late;
        var after = stop.IsCancellationRequested
            ? await probe.ScrapeAsync(CancellationToken.None)
            : await GridDrain.WaitAsync(probe, before, expected, options.DrainTimeout, time);
        var report = new RunReport
        {
            Target = options.Target.ToString().ToLowerInvariant(),
            Destination = Destination(options),
            Scenario = options.ScenarioName,
            TargetRate = options.TargetRate,
            AchievedRate = elapsed > TimeSpan.Zero ? Math.Round(statistics.Accepted / elapsed.TotalSeconds, 1) : 0,
            DurationSeconds = Math.Round(elapsed.TotalSeconds, 3),
            Sent = statistics.Sent,
            Accepted = statistics.Accepted,
            Failed = statistics.Failed,
            Missed = pacer.Missed,
            Failures = statistics.Failures.ToDictionary(),
            ClientErrors = statistics.ClientErrors,
            LastClientError = statistics.LastClientError,
            Latency = LatencyReport.From(before, after, probe),
            Traffic = traffic.Counts,
            Seed = options.Traffic.Seed,
            BatchSize = options.BatchSize,
            Connections = options.Connections,
            StartedAt = startedAt,
            Interrupted = stop.IsCancellationRequested,
        };
        ReportTable.Write(console, report);
        if (options.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, ReportJson.Serialize(report), CancellationToken.None);
            console.MarkupLine(Markup.Escape($"Report written to {Path.GetFullPath(path)}"));
        }
        return report.Sent > 0 && report.Accepted == 0 ? 1 : 0;
    }

    private static IEventSink CreateSink(LoadOptions options, TimeProvider time, RunStatistics statistics) => options.Target switch
    {
        Target.Kafka => new KafkaEventSink(
            new KafkaStreamOptions { BootstrapServers = options.BootstrapServers!, Topic = options.Topic }, time, statistics.ClientError),
        _ => HttpEventSink.Create(options.Url, options.Connections, RequestTimeout),
    };

    private static string Destination(LoadOptions options) =>
        options.Target == Target.Kafka ? $"{options.BootstrapServers} topic {options.Topic}" : new Uri(options.Url, "/api/events").ToString();
}
