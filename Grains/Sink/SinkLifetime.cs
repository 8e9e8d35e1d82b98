using Analytics.Sinks.InfluxDb.Sink;
using Microsoft.Extensions.Hosting;

namespace Analytics.Grains.Sink;

/// <summary>Starts the silo's InfluxDB sink with the host and drains it when the host stops.</summary>
internal sealed class SinkLifetime(InfluxSink sink) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => sink.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => sink.StopAsync(cancellationToken);
}
