using System.CommandLine;
using System.CommandLine.Parsing;
using Analytics.LoadGenerator.Traffic;
using Analytics.Streaming.Kafka;

namespace Analytics.LoadGenerator.Cli;

/// <summary>The command line: its options, their help, and how they become one <see cref="LoadOptions"/>.</summary>
public sealed class LoadCommand
{
    private static readonly LoadOptions Defaults = new();

    private readonly Option<Target> _target = new("--target")
    {
        Description = "http: POST batches to the ingestion endpoint; kafka: produce straight to the grid's topic",
        DefaultValueFactory = _ => Defaults.Target,
        HelpName = "http|kafka",
    };
    private readonly Option<Uri> _url = new("--url")
    {
        Description = "Base URL of the grid's API",
        DefaultValueFactory = _ => Defaults.Url,
        CustomParser = ParseUrl,
    };
    private readonly Option<Uri[]> _metricsUrls = new("--metrics-url")
    {
        Description = "Prometheus endpoint with the latency histogram; repeat for several processes (default: <url>/metrics)",
        CustomParser = result => [.. result.Tokens.Select(t => ParseUrl(t.Value, result))],
    };
    private readonly Option<string?> _bootstrapServers = new("--bootstrap-servers") { Description = "Kafka bootstrap servers (with --target kafka)" };
    private readonly Option<string> _topic = new("--topic") { Description = "Kafka topic", DefaultValueFactory = _ => KafkaStreamOptions.DEFAULT_TOPIC };
    private readonly Option<Scenario> _scenario = new("--scenario")
    {
        Description = "normal 200/s, peak 500/s, stress 1,000/s, maximum: flat out",
        DefaultValueFactory = _ => Defaults.Scenario,
        HelpName = "normal|peak|stress|maximum",
    };
    private readonly Option<double?> _rate = new("--rate") { Description = "Events per second; overrides the scenario's rate" };
    private readonly Option<TimeSpan> _duration = new("--duration")
    {
        Description = "How long to send, for example 60s, 10m, 1h",
        DefaultValueFactory = _ => Defaults.Duration,
        CustomParser = TrafficKnobs.ParseDuration,
        HelpName = "duration",
    };
    private readonly Option<int> _batchSize = new("--batch-size") { Description = "Events per request (at most 1000)", DefaultValueFactory = _ => Defaults.BatchSize };
    private readonly Option<int> _connections = new("--connections") { Description = "Requests or Kafka batches in flight at once", DefaultValueFactory = _ => Defaults.Connections };
    private readonly Option<TimeSpan> _drainTimeout = new("--drain-timeout")
    {
        Description = "After sending, how long to wait for the grid to apply the events before reading latency",
        DefaultValueFactory = _ => Defaults.DrainTimeout,
        CustomParser = TrafficKnobs.ParseDuration,
        HelpName = "duration",
    };
    private readonly Option<string?> _json = new("--json") { Description = "Also write the report as JSON to this file", HelpName = "file" };
    private readonly Option<string?> _idPrefix = new("--id-prefix")
    {
        Description = "Prefix of event ids (default: one per run, so a second run's events are not taken for duplicates)",
    };
    private readonly TrafficKnobs _traffic = new();

    public LoadCommand(Func<LoadOptions, CancellationToken, Task<int>> run)
    {
        Root = new RootCommand("Sends website analytics traffic to the grid at a set rate, then reports the achieved rate, errors and end-to-end latency.")
        {
            _target, _url, _metricsUrls, _bootstrapServers, _topic, _scenario, _rate, _duration, _batchSize, _connections, _drainTimeout, _json, _idPrefix,
        };
        foreach (var option in _traffic.Options) Root.Options.Add(option);
        Root.SetAction((result, cancellation) => run(Read(result), cancellation));
    }

    public RootCommand Root { get; }

    public LoadOptions Read(ParseResult result)
    {
        var traffic = _traffic.Read(result, new TrafficProfile());
        return new LoadOptions
        {
            Target = result.GetValue(_target),
            Url = result.GetValue(_url)!,
            MetricsUrls = result.GetValue(_metricsUrls) ?? [],
            BootstrapServers = result.GetValue(_bootstrapServers),
            Topic = result.GetValue(_topic)!,
            Scenario = result.GetValue(_scenario),
            Rate = result.GetValue(_rate),
            Duration = result.GetValue(_duration),
            BatchSize = result.GetValue(_batchSize),
            Connections = result.GetValue(_connections),
            DrainTimeout = result.GetValue(_drainTimeout),
            JsonPath = result.GetValue(_json),
            // Ids differ per run unless asked otherwise: the grid de-duplicates by id, across runs too.
            Traffic = traffic with { IdPrefix = result.GetValue(_idPrefix) ?? $"r{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds():x}" },
        };
    }

    private static Uri ParseUrl(ArgumentResult result) => ParseUrl(result.Tokens.Count > 0 ? result.Tokens[0].Value : "", result);

    private static Uri ParseUrl(string text, ArgumentResult result)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var url)) return url;
        var option = (result.Parent as OptionResult)?.Option.Name ?? "url";
        result.AddError($"{option}: '{text}' is not an absolute URL such as http://127.0.0.1:5000");
        return Defaults.Url;
    }
}
