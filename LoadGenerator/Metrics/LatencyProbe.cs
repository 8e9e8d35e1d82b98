namespace Analytics.LoadGenerator.Metrics;

/// <summary>
/// Reads the grid's end-to-end latency histogram (METRICS.md §4) from one or more Prometheus endpoints,
/// for example the API and every silo, and adds up those that have it. Says what is missing instead of
/// guessing: an endpoint that does not answer, or no endpoint with the histogram.
/// </summary>
public sealed class LatencyProbe(HttpClient http, IReadOnlyList<Uri> endpoints)
{
    public const string HistogramName = "analytics_pipeline_latency_seconds";

    public IReadOnlyList<Uri> Endpoints => endpoints;

    public async Task<LatencyScrape> ScrapeAsync(CancellationToken cancellationToken)
    {
        HistogramSnapshot? total = null;
        foreach (var endpoint in endpoints)
        {
            string text;
            try
            {
                using var response = await http.GetAsync(endpoint, cancellationToken);
                if (!response.IsSuccessStatusCode) return LatencyScrape.Missing($"{endpoint} answered HTTP {(int)response.StatusCode}");
                text = await response.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (HttpRequestException e)
            {
                return LatencyScrape.Missing($"{endpoint} could not be reached ({e.HttpRequestError})");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return LatencyScrape.Missing($"{endpoint} did not answer in time");
            }
            // The histogram lives where events are applied (the silos); another process's endpoint may lack it.
            if (PrometheusText.ReadHistogram(text, HistogramName) is { } histogram)
                total = total is null ? histogram : total.Plus(histogram);
        }
        return new LatencyScrape(total, null);
    }

    /// <summary>Why a scrape that reached every endpoint has no histogram.</summary>
    public string NoHistogram => $"{string.Join(" and ", endpoints)} {(endpoints.Count == 1 ? "serves" : "serve")} no {HistogramName} histogram";
}

/// <summary>
/// The histogram added up over every endpoint, or the reason an endpoint could not be read. Both null: every
/// endpoint answered and none has the histogram yet (a process creates it with its first observation).
/// </summary>
public sealed record LatencyScrape(HistogramSnapshot? Histogram, string? Problem)
{
    public static LatencyScrape Missing(string problem) => new(null, problem);

    /// <summary>Observations so far; a histogram that does not exist yet has none.</summary>
    public double Count => Histogram?.Count ?? 0;
}
