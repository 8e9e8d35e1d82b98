using Microsoft.Extensions.Hosting;

namespace Analytics.Enrichment.Hosting;

/// <summary>
/// Loads the data sets when the host starts rather than with the first event: a missing data file stops the host with
/// its name instead of failing requests, and no request waits the second the load takes. Taking the enricher as a
/// dependency is what loads it.
/// </summary>
internal sealed class EnrichmentAtStart(EventEnricher enricher) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(enricher);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
