using Analytics.Testing;
using Analytics.Sinks.InfluxDb.Errors;
using Analytics.Sinks.InfluxDb.LineProtocol;
using Analytics.Sinks.InfluxDb.Tests.Infrastructure;
using Analytics.Sinks.InfluxDb.Writers;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.Writers;

/// <summary>The API 2 write path (<c>/api/v2/write</c> through InfluxDB.Client) against VictoriaMetrics.</summary>
public sealed class V2WriterTests
{
    private static InfluxDbOptions Options(string url) => new()
    {
        Url = url,
        ApiVersion = 2,
        Bucket = "analytics",
        Organization = "grid",
        CreateSchema = false,
        FlushInterval = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task Points_enqueued_on_the_sink_land_in_VictoriaMetrics()
    {
        var prefix = "vm_" + Guid.NewGuid().ToString("N")[..12];
        var now = Now();
        string[] sites = ["shop.example.com", "a,b c=d", "\"quoted\" 'single'", "C:\\temp\\x", "żółć 🚀"];
        var points = sites.Select((site, i) => new MetricPoint(
            prefix, Tags(("site", site), ("page", $"/p{i}")), Fields(("value", (double)i + 0.25), ("count", (long)i)), now - i * 1000)).ToList();
        using var connection = new InfluxDbConnection(Options(TestServers.VictoriaMetrics));
        await using var sink = connection.CreateSink();
        await sink.StartAsync();

        var ticket = sink.Enqueue(points);
        await ticket.Written.WaitAsync(TimeSpan.FromSeconds(30));

        var samples = await Eventually.Get(
            () => VictoriaMetricsExport.ReadAsync(TestServers.VictoriaMetrics, prefix),
            found => found.Count == 2 * points.Count,
            TimeSpan.FromSeconds(20),
            "the points in VictoriaMetrics");
        Assert.IsType<InfluxV2Writer>(connection.Writer);
        for (var i = 0; i < sites.Length; i++)
        {
            var ofSite = samples.Where(s => s.Labels["site"] == sites[i]).ToList();
            Assert.Equal([$"{prefix}_count", $"{prefix}_value"], ofSite.Select(s => s.Name).Order(StringComparer.Ordinal));
            Assert.All(ofSite, s => Assert.Equal(["page", "site"], s.Labels.Keys.Order(StringComparer.Ordinal)));
            Assert.All(ofSite, s => Assert.Equal($"/p{i}", s.Labels["page"]));
            Assert.All(ofSite, s => Assert.Equal(now - i * 1000, s.TimestampMs));
            Assert.Equal(i + 0.25, ofSite.Single(s => s.Name.EndsWith("_value")).Value);
            Assert.Equal(i, ofSite.Single(s => s.Name.EndsWith("_count")).Value);
        }
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_error()
    {
        using var writer = new InfluxV2Writer(Options("http://127.0.0.1:9"));

        var error = await Assert.ThrowsAsync<InfluxUnavailableException>(
            () => writer.WriteAsync([Value("m", Now(), 1L)], CancellationToken.None));

        Assert.True(error.IsTransient);
    }
}
