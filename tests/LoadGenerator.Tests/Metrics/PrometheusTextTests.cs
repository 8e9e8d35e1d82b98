using Analytics.LoadGenerator.Metrics;

namespace Analytics.LoadGenerator.Tests.Metrics;

public class PrometheusTextTests
{
    [Fact]
    public void Series_of_several_silos_are_added_and_odd_labels_exemplars_and_timestamps_are_read_past()
    {
        const string Text = """
            analytics_pipeline_latency_seconds_bucket{silo="a \"quoted\" {name}",le="0.01"} 3 1700000000000
            analytics_pipeline_latency_seconds_bucket{silo="a \"quoted\" {name}",le="+Inf"} 4
            analytics_pipeline_latency_seconds_bucket{le="0.01",silo="b"} 5 # {trace_id="abc"} 0.007 1700000000.1
            analytics_pipeline_latency_seconds_bucket{le="+Inf",silo="b"} 5
            analytics_pipeline_latency_seconds_count{silo="a \"quoted\" {name}"} 4
            analytics_pipeline_latency_seconds_count{silo="b"} 5
            analytics_pipeline_latency_seconds_created{silo="b"} 1700000000
            analytics_pipeline_latency_seconds_other_bucket{le="0.01"} 1000
            """;

        var histogram = PrometheusText.ReadHistogram(Text, LatencyProbe.HistogramName)!;

        Assert.Equal([new HistogramBucket(0.01, 8), new HistogramBucket(double.PositiveInfinity, 9)], histogram.Buckets);
        Assert.Equal(9, histogram.Count);
    }

    [Fact]
    public void A_text_without_the_histogram_has_none()
    {
        Assert.Null(PrometheusText.ReadHistogram("process_cpu_seconds_total 12\n", LatencyProbe.HistogramName));
    }
}
