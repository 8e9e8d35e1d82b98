using Analytics.Enrichment.Countries;
using Analytics.Grains.Interfaces.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Enrichment.Hosting;

public static class EnrichmentExtensions
{
    /// <summary>
    /// Registers <see cref="EventEnricher"/> with its settings (section <c>Enrichment</c>, checked at start-up), loaded
    /// when the host starts. Ingestion
    /// calls it once per event it accepts:
    /// <code>var result = enricher.Enrich(e.Site, e.Url, e.Referrer, userAgent ?? request.Headers.UserAgent, http.Connection.RemoteIpAddress);</code>
    /// </summary>
    public static IServiceCollection AddEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EnrichmentOptions>().Bind(configuration.GetSection(EnrichmentOptions.Section)).ValidateProblems(o => o.Problems());
        // Singletons the container disposes: the country database stays memory-mapped while the host runs.
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<EnrichmentOptions>>().Value.CountryDatabase;
            return string.IsNullOrWhiteSpace(path) ? CountryLookup.Off() : CountryLookup.Open(path);
        });
        services.AddSingleton(sp => EnrichmentData.Load(
            sp.GetRequiredService<IOptions<EnrichmentOptions>>().Value,
            sp.GetRequiredService<CountryLookup>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EventEnricher).FullName!)));
        services.AddHostedService<EnrichmentAtStart>();
        return services;
    }
}
