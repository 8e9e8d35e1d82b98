using Analytics.LoadGenerator.Metrics;
using Analytics.LoadGenerator.Running;
using Analytics.LoadGenerator.Tests.Infrastructure;

namespace Analytics.LoadGenerator.Tests.Running;

public class GridDrainTests
{
    private const string Histogram = """
        analytics_pipeline_latency_seconds_bucket{le="0.01"} 5
        analytics_pipeline_latency_seconds_bucket{le="+Inf"} 5
        analytics_pipeline_latency_seconds_sum 0.025
        analytics_pipeline_latency_seconds_count 5
        """;

    [Fact]
    public async Task On_a_fresh_grid_the_drain_waits_for_the_histogram_to_appear()
    {
        // The silo has applied nothing at the start, and for the first scrapes after the last send either.
        var scrapes = 0;
        var probe = new LatencyProbe(
            new HttpClient(new StubHandler(_ => new HttpResponseMessage { Content = new StringContent(++scrapes > 3 ? Histogram : "up 1\n") })),
            [new Uri("http://127.0.0.1:8081/metrics")]);

        var before = await probe.ScrapeAsync(CancellationToken.None);
        var after = await GridDrain.WaitAsync(probe, before, expected: 5, TimeSpan.FromSeconds(30), TimeProvider.System);

        Assert.Null(before.Histogram);
        Assert.Equal(5, after.Count);
    }
}
