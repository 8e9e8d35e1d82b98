using System.Diagnostics.Metrics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Analytics.ServiceDefaults;

/// <summary>
/// <c>analytics_build_info{version, config_hash}</c>, always 1: what this process runs, so that the "configuration
/// changed" alert sees a new version or new settings appear. The hash covers the grid's own settings (the sections of
/// the README's settings table), not the environment, and leaves out what differs per process by design (the address a
/// pod advertises, where the embedded broker's address is written): a restarted pod with the same settings keeps its hash.
/// Secrets enter the hash too (a changed password is a changed configuration); only 12 hex digits of a SHA-256 are shown.
/// </summary>
public sealed class BuildInfoMetrics : IDisposable
{
    public const string MeterName = "Analytics.Build";

    private static readonly string[] Sections = ["Kafka", "EventTime", "Grid", "InfluxDB", "Health", "Cluster", "Ingestion", "Access", "Query", "Dashboard"];
    private static readonly HashSet<string> PerProcess = new(["Cluster:AdvertisedAddress", "Kafka:EmbeddedAddressFile"], StringComparer.OrdinalIgnoreCase);

    private readonly Meter _meter = new(MeterName);

    public BuildInfoMetrics(IConfiguration configuration)
    {
        Version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        ConfigHash = HashOf(configuration);
        _meter.CreateObservableGauge("analytics_build_info", () => new Measurement<int>(1,
                new KeyValuePair<string, object?>("version", Version), new KeyValuePair<string, object?>("config_hash", ConfigHash)),
            description: "Always 1; its labels name the build this process runs and a hash of its settings");
    }

    public string Version { get; }

    public string ConfigHash { get; }

    public static string HashOf(IConfiguration configuration)
    {
        var settings = Sections
            .SelectMany(section => configuration.GetSection(section).AsEnumerable())
            .Where(setting => setting.Value is not null && !PerProcess.Contains(setting.Key))
            .Select(setting => $"{setting.Key.ToLowerInvariant()}={setting.Value}")
            .Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', settings))))[..12];
    }

    public void Dispose() => _meter.Dispose();
}
