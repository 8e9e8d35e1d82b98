using System.Text;
using Analytics.Grains.Interfaces.Events;
using Analytics.LoadGenerator.Traffic;
using Analytics.Streaming.Kafka;

namespace Analytics.LoadGenerator.Cli;

/// <summary>Every setting of a run, read from the command line once and checked before anything starts.</summary>
public sealed record LoadOptions
{
    public Target Target { get; init; } = Target.Http;

    /// <summary>The API's base URL: events go to <c>/api/events</c>, and by default metrics come from <c>/metrics</c>.</summary>
    public Uri Url { get; init; } = new("http://127.0.0.1:5000");

    /// <summary>
    /// Prometheus endpoints holding the latency histogram; empty means the API's <c>{Url}/metrics</c> and the silo's
    /// <c>/metrics</c> on the same host at <see cref="SiloMetricsPort"/>. Several are added up (one per silo).
    /// </summary>
    public IReadOnlyList<Uri> MetricsUrls { get; init; } = [];

    /// <summary>
    /// The silo's <c>Health:Port</c> default, where <c>deploy/run.sh</c> serves its <c>/metrics</c>: the latency
    /// histogram is recorded where events are applied, on the silo, not by the API.
    /// </summary>
    public const int SiloMetricsPort = 8081;

    public string? BootstrapServers { get; init; }

    public string Topic { get; init; } = KafkaStreamOptions.DEFAULT_TOPIC;

    public Scenario Scenario { get; init; } = Scenario.Normal;

    /// <summary>Events per second; overrides the scenario's rate.</summary>
    public double? Rate { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Events per request (HTTP) or per awaited group of deliveries (Kafka).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Batches in flight at once: HTTP connections, or concurrent Kafka batches.</summary>
    public int Connections { get; init; } = 4;

    /// <summary>After the last send, how long to wait for the grid to apply the events before reading the latency.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string? JsonPath { get; init; }

    public TrafficProfile Traffic { get; init; } = new();

    public double? TargetRate => Rate ?? Scenarios.RateOf(Scenario);

    /// <summary>The scenario's name, or <c>custom</c> when <see cref="Rate"/> overrides it.</summary>
    public string ScenarioName => Rate is null ? Scenario.ToString().ToLowerInvariant() : "custom";

    public IReadOnlyList<Uri> LatencyEndpoints => MetricsUrls.Count > 0
        ? MetricsUrls
        : [new Uri(Url, "/metrics"), new UriBuilder(Url.Scheme, Url.Host, SiloMetricsPort, "/metrics").Uri];

    /// <summary>The command-line option of a traffic setting: <c>PagesPerSite</c> is <c>--pages-per-site</c>.</summary>
    public static string OptionOf(string setting)
    {
        var name = new StringBuilder("-");
        foreach (var c in setting)
        {
            if (char.IsUpper(c)) name.Append('-');
            name.Append(char.ToLowerInvariant(c));
        }
        return name.ToString();
    }

    /// <summary>The settings that are wrong, each named by its option; empty when all are right.</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsHttp(Url)) yield return "--url must be an absolute http or https URL";
        foreach (var url in MetricsUrls.Where(u => !IsHttp(u)))
            yield return $"--metrics-url must be an absolute http or https URL (got {url})";
        if (Target == Target.Kafka && string.IsNullOrWhiteSpace(BootstrapServers))
            yield return "--bootstrap-servers is required with --target kafka (host:port[,host:port])";
        if (string.IsNullOrWhiteSpace(Topic)) yield return "--topic must not be empty";
        if (Rate is { } rate && !(rate > 0 && rate <= 10_000_000)) yield return $"--rate must be above 0 and at most 10000000 events per second (got {rate})";
        if (Duration < TimeSpan.FromSeconds(1) || Duration > TimeSpan.FromDays(7)) yield return $"--duration must be between 1s and 7d (got {DurationText.Format(Duration)})";
        if (BatchSize < 1 || BatchSize > EventRules.MaxEventsPerRequest)
            yield return $"--batch-size must be between 1 and {EventRules.MaxEventsPerRequest}, the most the ingestion endpoint takes per request (got {BatchSize})";
        if (Connections is < 1 or > 256) yield return $"--connections must be between 1 and 256 (got {Connections})";
        if (DrainTimeout < TimeSpan.Zero || DrainTimeout > TimeSpan.FromMinutes(10))
            yield return $"--drain-timeout must be between 0s and 10m (got {DurationText.Format(DrainTimeout)})";
        if (JsonPath is { } json && Path.GetDirectoryName(Path.GetFullPath(json)) is { } folder && !Directory.Exists(folder))
            yield return $"--json: the folder {folder} does not exist";
        foreach (var problem in Traffic.Problems())
            yield return $"{OptionOf(problem.Setting)} {problem.Rule}";
    }

    private static bool IsHttp(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
