using Analytics.Streaming.Kafka;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Analytics.ServiceDefaults.Health;

/// <summary>Kafka is ready when a broker answers a metadata request for the events topic.</summary>
internal sealed class KafkaHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var options = configuration.GetSection("Kafka").Get<KafkaStreamOptions>() ?? new KafkaStreamOptions();
        EventHubsPreset.Apply(options);
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
            return Task.FromResult(HealthCheckResult.Unhealthy("Kafka:BootstrapServers is not set"));
        // A metadata request blocks its thread; keep it off the request path's thread.
        return Task.Run(() =>
        {
            try
            {
                using var admin = new AdminClientBuilder(KafkaClientConfig.Admin(options)).Build();
                var topic = admin.GetMetadata(options.Topic, TimeSpan.FromSeconds(2)).Topics.SingleOrDefault();
                return topic is { Error.IsError: false }
                    ? HealthCheckResult.Healthy($"{topic.Partitions.Count} partitions")
                    : HealthCheckResult.Unhealthy($"topic {options.Topic}: {topic?.Error.Reason ?? "no metadata"}");
            }
            catch (KafkaException e)
            {
                return HealthCheckResult.Unhealthy(e.Error.Reason);
            }
        }, cancellationToken);
    }
}
