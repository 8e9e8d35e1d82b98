using System.Globalization;
using Analytics.EndToEndTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Reference;
using Analytics.Testing;

namespace Analytics.EndToEndTests;

/// <summary>
/// InfluxDB goes down for 60 s while a site sends 1,000 events/s. Every point InfluxDB accepted, before, during and after,
/// was written once, with the value the grid showed final (and the reference's), and only for windows shown final.
/// </summary>
public sealed class InfluxOutageUnderTrafficTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long SessionGap = 30 * 60_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_point_written_around_an_influxdb_outage_is_written_once_with_its_final_value()
    {
        await using var influx = await InfluxProcess.StartAsync();
        await using var recorder = InfluxWriteRecorder.Start(influx.Url);
        await using var grid = await ProcessGrid.StartAsync(silos: 1, settings: new Dictionary<string, string>
        {
            ["InfluxDB:Url"] = recorder.Url,
            ["InfluxDB:Database"] = $"grid_{Guid.NewGuid():N}",
            ["InfluxDB:FlushInterval"] = "00:00:00.200",
        });
        var traffic = new LiveTraffic(seed: 7, sites: 4, visitorsPerSite: 500);
        await using var watch = ApiWindows.Watch(grid, traffic.SitesAndAll);
        var sender = new OrderedSender(grid.Http, grid.ApiUrl);
        // The outage begins once InfluxDB holds a first final window, and lasts 60 s under traffic; 10 s more follow it.
        int? writtenBefore = null;
        var killedAt = TimeSpan.Zero;
        await sender.SendAsync(traffic, async elapsed =>
        {
            if (writtenBefore is null && !recorder.Accepted.IsEmpty)
            {
                writtenBefore = recorder.Accepted.Count;
                killedAt = elapsed;
                await influx.KillAsync();
            }
            if (writtenBefore is not null && elapsed >= killedAt + Outage && !influx.IsRunning) await influx.StartAgainAsync();
            return writtenBefore is null || elapsed < killedAt + Outage + TimeSpan.FromSeconds(10);
        }, Deadline);
        Assert.True(writtenBefore > 0, "nothing was written to InfluxDB before the outage");
        Assert.True(recorder.Accepted.Count > writtenBefore, "nothing was written to InfluxDB after the outage");

        var (counted, _) = ReferenceLateness.Judge(sender.Accepted, ProcessGrid.Partitions, maxOutOfOrdernessMs: 2000, allowedLatenessMs: 0);
        await Eventually.Get(() => ApiWindows.CountedAsync(grid), n => n == counted.Count, Deadline, $"{counted.Count} events counted");
        var expected = ReferenceMetrics.Compute(counted, SessionGap);
        var named = expected.Named();
        var lastFinal = counted.Max(e => e.Timestamp) - 2000 - 1000;
        var allSeconds = named[ReferenceMetrics.SeriesName(SiteName.All, Metric.PageViews)].Keys.Where(s => s <= lastFinal).ToHashSet();
        await Eventually.Get(() => Task.FromResult(Points(recorder).Where(p => p.Series == ReferenceMetrics.SeriesName(SiteName.All, Metric.PageViews)).Select(p => p.Start).ToHashSet()),
            written => written.IsSupersetOf(allSeconds), Deadline, "every final second of the grid in InfluxDB");
        var firstFinal = await watch.StopAsync();

        var points = Points(recorder);
        output.WriteLine($"{points.Count} points accepted, {writtenBefore} before the outage");
        var twice = points.GroupBy(p => (p.Series, p.Start)).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => p.Value))}").ToList();
        Assert.True(twice.Count == 0, $"points written more than once:{Environment.NewLine}{string.Join(Environment.NewLine, twice.Take(20))}");
        var wrong = new List<string>();
        foreach (var (series, start, value) in points)
        {
            if (!named.TryGetValue(series, out var reference) || !reference.TryGetValue(start, out var expectedValue) || Math.Abs(expectedValue - value) > 1e-9)
                wrong.Add($"{series} {start}: written {value}, the reference has {(reference?.TryGetValue(start, out var r) == true ? r : "nothing")}");
            else if (!series.Contains('/') && !(firstFinal.TryGetValue((series, start), out var shown) && Math.Abs(shown - value) < 1e-9))
                wrong.Add($"{series} {start}: written {value}, never shown final with that value");
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong.Take(30)));
    }

    /// <summary>The accepted points as series (named as the reference names them), window start and value.</summary>
    private static List<(string Series, long Start, double Value)> Points(InfluxWriteRecorder recorder) =>
        [.. recorder.Accepted.Select(p =>
        {
            var space = p.Key.LastIndexOf(' ');
            var head = p.Key[..space].Split(',');
            var tags = head.Skip(1).Select(t => t.Split('=', 2)).ToDictionary(t => t[0], t => t[1]);
            var metric = Enum.GetValues<Metric>().Single(m => m.NameOf() == head[0]);
            var site = tags[WindowMeasurements.SiteTag];
            var series = tags.TryGetValue(WindowMeasurements.PageTag, out var page) ? ReferenceMetrics.PageSeriesName(site, page) : ReferenceMetrics.SeriesName(site, metric);
            var value = p.Fields.Split(',').Select(f => f.Split('=', 2)).Single(f => f[0] == WindowMeasurements.ValueField)[1].TrimEnd('i');
            return (series, long.Parse(p.Key[(space + 1)..], CultureInfo.InvariantCulture), double.Parse(value, CultureInfo.InvariantCulture));
        })];
}
