using System.Data.Common;

namespace Analytics.Streaming.Kafka;

/// <summary>
/// Azure Event Hubs as the log, through its Kafka endpoint: one setting, <see cref="KafkaStreamOptions.EventHubsConnectionString"/>,
/// fills in the Kafka client settings. This provider keeps its exactly-once checkpoints with the grain state whatever the
/// broker, so it works there unchanged; Orleans' own Event Hubs provider checkpoints apart from grain state and cannot.
/// Event Hubs differs from Kafka in what this preset sets or checks: port 9093 with SASL_SSL and PLAIN (user name
/// <c>$ConnectionString</c>, password the connection string), requests of at most 1,046,528 bytes, and gzip as its only
/// compression. It also creates no topics for clients and fixes partition counts at creation (see the README).
/// </summary>
public static class EventHubsPreset
{
    public const string Setting = nameof(KafkaStreamOptions.EventHubsConnectionString);
    public const int Port = 9093;
    public const string Compression = "gzip";

    /// <summary>Event Hubs closes a connection that sends a larger request (it allows 1,046,528 bytes); Microsoft recommends this.</summary>
    public const int MaxRequestBytes = 1_000_000;

    /// <summary>Event Hubs closes connections idle for 240 s; below that, a client never sends on a dead one.</summary>
    public const int IdleMs = 180_000;

    /// <summary>Fills the client settings from the connection string; nothing when it is not set or not valid (see <see cref="Problems"/>).</summary>
    public static void Apply(KafkaStreamOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.EventHubsConnectionString) || HostOf(options.EventHubsConnectionString) is not { } host) return;
        if (string.IsNullOrWhiteSpace(options.BootstrapServers)) options.BootstrapServers = $"{host}:{Port}";
        options.ClientSettings["security.protocol"] = "sasl_ssl";
        options.ClientSettings["sasl.mechanism"] = "PLAIN";
        options.ClientSettings["sasl.username"] = "$ConnectionString";
        options.ClientSettings["sasl.password"] = options.EventHubsConnectionString;
        options.ClientSettings["message.max.bytes"] = MaxRequestBytes.ToString();
        options.ClientSettings["metadata.max.age.ms"] = IdleMs.ToString();
        options.ClientSettings["connections.max.idle.ms"] = IdleMs.ToString();
        // The grid's default codec (snappy) is refused by Event Hubs: its default there is the one it accepts.
        if (options.Compression == KafkaStreamOptions.DEFAULT_COMPRESSION) options.Compression = Compression;
    }

    /// <summary>What is wrong with the settings for Event Hubs, each as (setting, rule); nothing when it is not used.</summary>
    public static IEnumerable<(string Setting, string Rule)> Problems(KafkaStreamOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.EventHubsConnectionString)) yield break;
        if (HostOf(options.EventHubsConnectionString) is not { } host)
        {
            yield return (Setting, "must be an Event Hubs connection string (Endpoint=sb://NAMESPACE.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...)");
            yield break;
        }
        if (options.BootstrapServers != $"{host}:{Port}")
            yield return (nameof(options.BootstrapServers), $"must be empty or {host}:{Port} when {Setting} is set");
        if (options.Compression is not (Compression or "none"))
            yield return (nameof(options.Compression), $"must be {Compression} or none with Event Hubs, which accepts no other codec");
        if (options.BatchSize > MaxRequestBytes)
            yield return (nameof(options.BatchSize), $"must be at most {MaxRequestBytes} with Event Hubs");
    }

    /// <summary>The namespace's host name, from <c>Endpoint=sb://HOST/</c>, when the string also carries a shared access key.</summary>
    public static string? HostOf(string connectionString)
    {
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return null;
        }
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint as string, UriKind.Absolute, out var uri) || uri.Scheme != "sb") return null;
        var hasKey = parts.ContainsKey("SharedAccessKeyName") && parts.ContainsKey("SharedAccessKey");
        return hasKey && uri.Host.Length > 0 ? uri.Host : null;
    }
}
