using Analytics.Deploy.Tests.Infrastructure;

namespace Analytics.Deploy.Tests;

/// <summary>deploy/compose/compose.yaml against what the grid expects of a real cluster.</summary>
public sealed class ComposeTests
{
    private const int SiloPort = 11111;
    private const int GatewayPort = 30000;
    private const int ApiPort = 8080;

    private static readonly SettingsTable Settings = SettingsTable.FromReadme();
    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Three_silos_and_the_api_run_the_grid_images_built_by_the_dockerfiles()
    {
        var silos = _compose.ServicesOf(ImageName.Silo);
        Assert.Equal(3, silos.Count);
        Assert.Equal(["api"], _compose.ServicesOf(ImageName.Api));

        foreach (var silo in silos) AssertBuiltBy(silo, "deploy/docker/Silo.Dockerfile");
        AssertBuiltBy("api", "deploy/docker/Api.Dockerfile");
    }

    [Fact]
    public void Silos_cluster_through_postgres_and_advertise_their_container_address()
    {
        foreach (var name in _compose.ServicesOf(ImageName.Silo))
        {
            var silo = _compose.Service(name);
            var environment = ComposeFile.Environment(silo);
            Assert.Equal("AdoNet", environment["Cluster__Membership"]);
            Assert.Equal("AdoNet", environment["Cluster__Storage"]);
            AssertConnectsToPostgres(environment["Cluster__ConnectionString"]);

            // The address is the container's own, so it is found when the container starts.
            var entrypoint = string.Join(' ', silo["entrypoint"].Texts);
            Assert.Contains("export Cluster__AdvertisedAddress=", entrypoint);
            Assert.EndsWith("exec dotnet Silo.dll", entrypoint);
            Assert.Equal([SiloPort, GatewayPort, HealthPort(silo)], silo["expose"].Texts.Select(int.Parse));
        }
    }

    [Fact]
    public void The_api_publishes_its_port_and_joins_the_cluster_as_a_client()
    {
        var api = _compose.Service("api");
        Assert.Contains($"{ApiPort}:{ApiPort}", api["ports"].Texts);
        var environment = ComposeFile.Environment(api);
        Assert.Equal("AdoNet", environment["Cluster__Membership"]);
        AssertConnectsToPostgres(environment["Cluster__ConnectionString"]);
        Assert.Contains($"/dev/tcp/127.0.0.1/{ApiPort}", HealthCheck(api));
        Assert.Contains("GET /health/ready ", HealthCheck(api));
    }

    [Fact]
    public void Three_kafka_brokers_replicate_every_write_three_times_and_need_two_in_sync()
    {
        var brokers = Brokers().ToList();
        Assert.Equal(3, brokers.Count);
        Assert.Equal(3, brokers.Select(b => b.Environment["KAFKA_NODE_ID"]).Distinct().Count());
        foreach (var (name, environment) in brokers)
        {
            Assert.Contains("broker", environment["KAFKA_PROCESS_ROLES"].Split(','));
            Assert.Equal(3, environment["KAFKA_CONTROLLER_QUORUM_VOTERS"].Split(',').Length);
            Assert.Equal("3", environment["KAFKA_DEFAULT_REPLICATION_FACTOR"]);
            Assert.Equal("2", environment["KAFKA_MIN_INSYNC_REPLICAS"]);
            Assert.Equal("3", environment["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"]);
            Assert.Equal("false", environment["KAFKA_AUTO_CREATE_TOPICS_ENABLE"]);
            Assert.True(_compose.Service(name)["healthcheck"].Exists, $"{name} has no health check");
        }

        // Silos and API bootstrap from all three brokers, at the addresses the brokers advertise.
        var advertised = brokers.Select(b => b.Environment["KAFKA_ADVERTISED_LISTENERS"].Split("://")[1]).Order().ToList();
        foreach (var service in GridServices())
        {
            Assert.Equal(advertised, ComposeFile.Environment(_compose.Service(service))["Kafka__BootstrapServers"].Split(',').Order());
        }
    }

    [Fact]
    public void The_topics_job_creates_the_grid_topics_with_three_replicas()
    {
        var topic = Settings.Default("Kafka:Topic");
        var partitions = Settings.Default("Kafka:Partitions");
        var script = string.Join('\n', _compose.Service("kafka-topics")["command"].Texts);

        var created = script.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Contains("--create"))
            .ToDictionary(words => Option(words, "--topic"));

        // The late-events topic is keyed like the events topic (Grains' LateEventsTopic.NameOf), so it gets its partitions.
        var deadLetters = Settings.Default("Kafka:DeadLetterTopic").Replace("{Topic}", topic, StringComparison.Ordinal);
        Assert.Equal(new[] { topic, $"{topic}.late", deadLetters }.Order(), created.Keys.Order());
        Assert.Equal(partitions, Option(created[topic], "--partitions"));
        Assert.Equal(partitions, Option(created[$"{topic}.late"], "--partitions"));
        Assert.All(created.Values, words => Assert.Equal("3", Option(words, "--replication-factor")));
        Assert.All(created.Values, words => Assert.Contains("--if-not-exists", words));
    }

    [Fact]
    public void Postgres_15_runs_exactly_the_deploy_postgres_scripts_in_their_order()
    {
        var postgres = _compose.Service("postgres");
        Assert.Equal("postgres:15", postgres["image"].Text);

        var scripts = Repository.Files("deploy/postgres", "*.sql");
        var mounted = ComposeFile.Volumes(postgres)
            .Where(v => v.Target.StartsWith("/docker-entrypoint-initdb.d/", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(scripts, mounted.Select(v => ComposeFile.RepositoryPath(v.Source)));
        // The image runs init scripts sorted by name: the same names keep the scripts' own order.
        Assert.Equal(scripts.Select(Path.GetFileName), mounted.Select(v => v.Target["/docker-entrypoint-initdb.d/".Length..]));

        var environment = ComposeFile.Environment(postgres);
        Assert.Contains("-h 127.0.0.1", HealthCheck(postgres));
        Assert.Equal("analytics", environment["POSTGRES_DB"]);
    }

    [Fact]
    public void Influxdb_version_matches_the_grid_influxdb_settings()
    {
        var influx = _compose.Service("influxdb");
        var image = influx["image"].Text!;
        var server = ComposeFile.Environment(influx);
        foreach (var service in GridServices())
        {
            var grid = ComposeFile.Environment(_compose.Service(service));
            Assert.Equal("http://influxdb:8086", grid["InfluxDB__Url"]);
            Assert.Equal(image.StartsWith("influxdb:1.", StringComparison.Ordinal) ? "1" : "2", grid["InfluxDB__ApiVersion"]);
            Assert.Equal(server["INFLUXDB_DB"], grid["InfluxDB__Database"]);
            Assert.Equal(server["INFLUXDB_ADMIN_USER"], grid["InfluxDB__Username"]);
            Assert.Equal(server["INFLUXDB_ADMIN_PASSWORD"], grid["InfluxDB__Password"]);
        }
    }

    [Fact]
    public void Services_start_in_order_of_their_dependencies()
    {
        foreach (var (name, service) in _compose.Services)
        {
            foreach (var (dependency, condition) in service["depends_on"].Entries)
            {
                var target = _compose.Service(dependency);
                switch (condition["condition"].Text)
                {
                    case "service_healthy":
                        Assert.True(target["healthcheck"].Exists, $"{name} waits for {dependency} to be healthy, which has no health check");
                        break;
                    case "service_completed_successfully":
                        Assert.Equal("no", target["restart"].Text);
                        break;
                    default:
                        Assert.Fail($"{name} depends on {dependency} with condition {condition["condition"]}");
                        break;
                }
            }
        }

        foreach (var silo in _compose.ServicesOf(ImageName.Silo))
        {
            Assert.Equal(
                [("influxdb", "service_healthy"), ("kafka-topics", "service_completed_successfully"), ("postgres", "service_healthy")],
                Dependencies(silo));
            Assert.Contains($"/dev/tcp/127.0.0.1/{HealthPort(_compose.Service(silo))}", HealthCheck(_compose.Service(silo)));
            Assert.Contains("GET /health/ready ", HealthCheck(_compose.Service(silo)));
        }
        Assert.Equal(_compose.ServicesOf(ImageName.Silo).Select(s => (s, "service_healthy")), Dependencies("api"));
    }

    [Fact]
    public void Prometheus_scrapes_metrics_of_the_api_and_every_silo_and_loads_the_alert_rules()
    {
        var mounts = ComposeFile.Volumes(_compose.Service("prometheus")).ToDictionary(v => ComposeFile.RepositoryPath(v.Source), v => v.Target);
        Assert.Equal("/etc/prometheus/prometheus.yml", mounts["deploy/compose/prometheus.yml"]);
        var rules = mounts["deploy/prometheus/alerts.yml"];

        var config = YamlNode.Load(Repository.Read("deploy/compose/prometheus.yml"));
        Assert.Equal([rules], config["rule_files"].Texts);

        var jobs = config["scrape_configs"].Items.ToList();
        Assert.All(jobs, job => Assert.Equal("/metrics", job["metrics_path"].Text ?? "/metrics"));
        var targets = jobs.SelectMany(job => job["static_configs"].Items).SelectMany(c => c["targets"].Texts).Order().ToList();
        var expected = _compose.ServicesOf(ImageName.Silo)
            .Select(silo => $"{silo}:{HealthPort(_compose.Service(silo))}")
            .Append($"api:{ApiPort}")
            .Order();
        Assert.Equal(expected, targets);
    }

    [Fact]
    public void Prometheus_sends_alerts_to_the_alertmanager_service_which_loads_the_routes()
    {
        var alertmanager = _compose.Service("alertmanager");
        var mounts = ComposeFile.Volumes(alertmanager).ToDictionary(v => ComposeFile.RepositoryPath(v.Source), v => v.Target);
        Assert.Contains($"--config.file={mounts[$"{AlertRules.Folder}/alertmanager.yml"]}", alertmanager["command"].Texts);

        var config = YamlNode.Load(Repository.Read("deploy/compose/prometheus.yml"));
        var targets = config["alerting"]["alertmanagers"].Items.SelectMany(a => a["static_configs"].Items).SelectMany(c => c["targets"].Texts);
        Assert.Equal(["alertmanager:9093"], targets);
    }

    private IEnumerable<string> GridServices() => _compose.ServicesOf(ImageName.Silo).Concat(_compose.ServicesOf(ImageName.Api));

    private IEnumerable<(string Name, IReadOnlyDictionary<string, string> Environment)> Brokers() =>
        _compose.Services
            .Where(s => s.Value["image"].Text is { } image && image.StartsWith("apache/kafka:", StringComparison.Ordinal))
            .Select(s => (s.Key, ComposeFile.Environment(s.Value)))
            .Where(b => b.Item2.ContainsKey("KAFKA_PROCESS_ROLES"));

    private IEnumerable<(string, string)> Dependencies(string service) =>
        _compose.Service(service)["depends_on"].Entries
            .Select(e => (e.Key, e.Value["condition"].Text ?? ""))
            .OrderBy(d => d.Key, StringComparer.Ordinal);

    private void AssertBuiltBy(string service, string dockerfile)
    {
        var build = _compose.Service(service)["build"];
        Assert.Equal(".", ComposeFile.RepositoryPath(build["context"].Text!));
        Assert.Equal(dockerfile, build["dockerfile"].Text);
        // Never a public image that happens to have the same name.
        Assert.Equal("build", _compose.Service(service)["pull_policy"].Text);
        Assert.True(File.Exists(Repository.PathOf(dockerfile)), $"{dockerfile} is missing");
    }

    private void AssertConnectsToPostgres(string connectionString)
    {
        var parts = connectionString.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        var postgres = ComposeFile.Environment(_compose.Service("postgres"));
        Assert.Equal("postgres", parts["Host"]);
        Assert.Equal(postgres["POSTGRES_DB"], parts["Database"]);
        Assert.Equal(postgres["POSTGRES_USER"], parts["Username"]);
        Assert.Equal(postgres["POSTGRES_PASSWORD"], parts["Password"]);
    }

    private static int HealthPort(YamlNode silo) => int.Parse(ComposeFile.Environment(silo)["Health__Port"]);

    private static string HealthCheck(YamlNode service) => string.Join(' ', service["healthcheck"]["test"].Texts);

    private static string Option(string[] words, string option) => words[Array.IndexOf(words, option) + 1];
}
