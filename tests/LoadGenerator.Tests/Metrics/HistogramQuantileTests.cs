using Analytics.LoadGenerator.Metrics;

namespace Analytics.LoadGenerator.Tests.Metrics;

public class HistogramQuantileTests
{
    // 100 observations: 10 up to 5 ms, 50 in (5, 10], 30 in (10, 25], 9 in (25, 50], 1 above 50 ms.
    private const string Exposition = """
        # HELP analytics_pipeline_latency_seconds From acceptance to grain update
        # TYPE analytics_pipeline_latency_seconds histogram
        analytics_pipeline_latency_seconds_bucket{otel_scope_name="Analytics.Pipeline",le="0.005"} 10
        analytics_pipeline_latency_seconds_bucket{otel_scope_name="Analytics.Pipeline",le="0.01"} 60
        analytics_pipeline_latency_seconds_bucket{otel_scope_name="Analytics.Pipeline",le="0.025"} 90
        analytics_pipeline_latency_seconds_bucket{otel_scope_name="Analytics.Pipeline",le="0.05"} 99
        analytics_pipeline_latency_seconds_bucket{otel_scope_name="Analytics.Pipeline",le="+Inf"} 100
        analytics_pipeline_latency_seconds_sum{otel_scope_name="Analytics.Pipeline"} 1.5
        analytics_pipeline_latency_seconds_count{otel_scope_name="Analytics.Pipeline"} 100
        analytics_pipeline_events_total{event_type="page_view"} 100
        """;

    private static HistogramSnapshot Histogram => PrometheusText.ReadHistogram(Exposition, LatencyProbe.HistogramName)!;

    [Theory]
    [InlineData(0.05, 0.0025)] // rank 5 in the first bucket: interpolated from 0
    [InlineData(0.50, 0.009)] // rank 50: 0.005 + 0.005 × (50 − 10) / 50
    [InlineData(0.95, 0.025 + 0.025 * 5 / 9)] // rank 95: 0.025 + 0.025 × (95 − 90) / 9
    [InlineData(0.99, 0.05)] // rank 99: the top of the (25, 50] ms bucket
    [InlineData(1.00, 0.05)] // rank 100 lies in +Inf: Prometheus answers the highest finite bound
    public void Quantiles_interpolate_inside_the_bucket_as_histogram_quantile_does(double q, double expected)
    {
        Assert.Equal(expected, Histogram.Quantile(q), 12);
    }

    [Fact]
    public void Sum_count_and_buckets_are_read()
    {
        Assert.Equal(1.5, Histogram.Sum);
        Assert.Equal(100, Histogram.Count);
        Assert.Equal([0.005, 0.01, 0.025, 0.05, double.PositiveInfinity], Histogram.Buckets.Select(b => b.UpperBound));
    }

    [Fact]
    public void The_run_is_the_difference_of_two_scrapes()
    {
        const string Before = """
            analytics_pipeline_latency_seconds_bucket{le="0.005"} 4
            analytics_pipeline_latency_seconds_bucket{le="0.01"} 20
            analytics_pipeline_latency_seconds_bucket{le="0.025"} 20
            analytics_pipeline_latency_seconds_bucket{le="0.05"} 20
            analytics_pipeline_latency_seconds_bucket{le="+Inf"} 20
            analytics_pipeline_latency_seconds_sum 0.1
            analytics_pipeline_latency_seconds_count 20
            """;
        var run = Histogram.Since(PrometheusText.ReadHistogram(Before, LatencyProbe.HistogramName)!)!;

        // 80 observations left: 6, 34, 30, 9, 1. Median rank 40 lies in (5, 10] ms: 0.005 + 0.005 × (40 − 6) / 34.
        Assert.Equal(80, run.Count);
        Assert.Equal(1.4, run.Sum, 12);
        Assert.Equal(0.01, run.Quantile(0.5), 12);
        // p85, rank 68: in (10, 25] ms: 0.01 + 0.015 × (68 − 40) / 30.
        Assert.Equal(0.024, run.Quantile(0.85), 12);
    }

    [Fact]
    public void A_counter_that_went_back_gives_no_difference()
    {
        var restarted = PrometheusText.ReadHistogram("""
            analytics_pipeline_latency_seconds_bucket{le="0.005"} 1
            analytics_pipeline_latency_seconds_bucket{le="+Inf"} 1
            analytics_pipeline_latency_seconds_count 1
            """, LatencyProbe.HistogramName)!;

        Assert.Null(restarted.Since(Histogram));
    }

    [Fact]
    public void No_observations_give_no_quantile()
    {
        Assert.True(double.IsNaN(Histogram.Since(Histogram)!.Quantile(0.5)));
    }
}
