using System.Net;
using Analytics.LoadGenerator.Metrics;
using Analytics.LoadGenerator.Reporting;
using Analytics.LoadGenerator.Tests.Infrastructure;

namespace Analytics.LoadGenerator.Tests.Metrics;

public class LatencyProbeTests
{
    private static readonly Uri Api = new("http://127.0.0.1:5000/metrics");
    private static readonly Uri Silo = new("http://127.0.0.1:9100/metrics");

    private static string Histogram(int fast, int slow) => $"""
        analytics_pipeline_latency_seconds_bucket{"{"}le="0.01"{"}"} {fast}
        analytics_pipeline_latency_seconds_bucket{"{"}le="0.1"{"}"} {fast + slow}
        analytics_pipeline_latency_seconds_bucket{"{"}le="+Inf"{"}"} {fast + slow}
        analytics_pipeline_latency_seconds_sum {fast * 0.005 + slow * 0.05}
        analytics_pipeline_latency_seconds_count {fast + slow}
        """;

    private static LatencyProbe Probe(Func<Uri, HttpResponseMessage> answer) =>
        new(new HttpClient(new StubHandler(request => answer(request.RequestUri!))), [Api, Silo]);

    [Fact]
    public async Task Endpoints_are_added_and_the_report_covers_only_the_run()
    {
        var (fast, slow) = (10, 0);
        var probe = Probe(_ => new HttpResponseMessage { Content = new StringContent(Histogram(fast, slow)) });

        var before = await probe.ScrapeAsync(CancellationToken.None);
        (fast, slow) = (60, 50);
        var report = LatencyReport.From(before, await probe.ScrapeAsync(CancellationToken.None), probe);

        // The run added 2 × 50 fast and 2 × 50 slow events: the median rank 100 is the top of the 10 ms bucket.
        Assert.True(report.Available, report.Problem);
        Assert.Equal(200, report.Observations);
        Assert.Equal(10, report.P50Ms);
        // p95, rank 190: 10 ms + 90 ms × (190 − 100) / 100.
        Assert.Equal(91, report.P95Ms);
        Assert.Equal(27.5, report.MeanMs);
    }

    [Fact]
    public async Task A_missing_endpoint_is_reported_not_guessed()
    {
        var probe = Probe(url => url == Silo ? new HttpResponseMessage(HttpStatusCode.NotFound) : new HttpResponseMessage { Content = new StringContent(Histogram(1, 1)) });

        var scrape = await probe.ScrapeAsync(CancellationToken.None);
        var report = LatencyReport.From(scrape, scrape, probe);

        Assert.False(report.Available);
        Assert.Equal("http://127.0.0.1:9100/metrics answered HTTP 404", report.Problem);
        Assert.Null(report.P99Ms);
    }

    [Fact]
    public async Task Only_endpoints_with_the_histogram_count_and_none_with_it_is_reported()
    {
        var apiHasIt = true;
        var probe = Probe(url => new HttpResponseMessage
        {
            Content = new StringContent(url == Api && apiHasIt ? Histogram(3, 1) : "process_cpu_seconds_total 3\n"),
        });

        Assert.Equal(4, (await probe.ScrapeAsync(CancellationToken.None)).Histogram!.Count);
        apiHasIt = false;
        var none = await probe.ScrapeAsync(CancellationToken.None);
        var report = LatencyReport.From(none, none, probe);
        Assert.False(report.Available);
        Assert.Equal(
            "http://127.0.0.1:5000/metrics and http://127.0.0.1:9100/metrics serve no analytics_pipeline_latency_seconds histogram",
            report.Problem);
    }

    [Fact]
    public async Task A_histogram_that_appears_during_the_run_counts_from_zero()
    {
        // A fresh grid: the silo creates the histogram with its first applied event, so the scrape before the run finds none.
        var applied = false;
        var probe = Probe(url => new HttpResponseMessage
        {
            Content = new StringContent(url == Silo && applied ? Histogram(90, 10) : "process_cpu_seconds_total 3\n"),
        });

        var before = await probe.ScrapeAsync(CancellationToken.None);
        applied = true;
        var report = LatencyReport.From(before, await probe.ScrapeAsync(CancellationToken.None), probe);

        Assert.True(report.Available, report.Problem);
        Assert.Equal(100, report.Observations);
        // p95, rank 95: 10 ms + 90 ms × (95 − 90) / 10.
        Assert.Equal(55, report.P95Ms);
    }
}
