using Analytics.Testing;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Reference;
using Analytics.Sinks.InfluxDb;

namespace Analytics.FunctionalTests;

/// <summary>Final windows in InfluxDB (1.6.7 through /write; the v2 API against VictoriaMetrics), read back through the query API, and outages.</summary>
public sealed class InfluxDbTests
{
    private const long SessionGap = 30 * 60_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    private static Dictionary<string, string?> InfluxSettings(string url, string database) => new()
    {
        ["InfluxDB:Url"] = url,
        ["InfluxDB:Database"] = database,
        ["InfluxDB:FlushInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task Final_windows_land_in_InfluxDB_and_the_API_answers_a_range_spanning_InfluxDB_and_the_grid()
    {
        var database = $"grid_{Guid.NewGuid():N}";
        await using var grid = await GridHost.StartAsync(settings: InfluxSettings(TestServers.InfluxDb, database));
        var (counted, log, from, to) = ReferenceRun.Log(seed: 21, sites: 4, visitorsPerSite: 250, domain: "influx.test", minimum: 5_000);
        var expected = ReferenceMetrics.Compute(counted, SessionGap);
        await using var watch = GridWindows.Watch(grid, expected, from, to);
        await KafkaLog.ProduceAsync(grid.Topic, log);
        await ReferenceRun.WaitUntilAllCountedAndFinalAsync(grid, counted);
        var final = (await grid.Progress.GetProgress()).FinalWatermark;

        // Every final page_views window of the grid as a whole is in InfluxDB, with the reference's value, and no other.
        var finalSeconds = expected.Windows[("*", Metric.PageViews)].Where(w => w.Key + 1000 <= final).ToDictionary();
        var stored = await Eventually.Get(() => InfluxWindowsAsync(database, "page_views", "*", from, to), s => finalSeconds.Keys.All(s.ContainsKey), Deadline, "final windows in InfluxDB");
        Assert.Equal(finalSeconds.OrderBy(w => w.Key), stored.OrderBy(w => w.Key));

        // The grid itself keeps only the last hour before the final watermark...
        var kept = await grid.Cluster.Client.GetGrain<ISiteGrain>("*").GetWindows(WindowFamily.PageViews, from, to);
        Assert.True(kept.Min(w => w.Start) > counted.Min(e => e.Timestamp) + 30 * 60_000, "the grid still holds the first half hour");
        // ...and the API answers the whole log, older windows from InfluxDB, recent ones from the grid.
        var (first, last) = (WindowShapes.Floor(counted.Min(e => e.Timestamp), 60_000), counted.Max(e => e.Timestamp) + 60_000);
        var differences = new List<string>();
        foreach (var ((site, metric), series) in expected.Windows)
        {
            var answer = await grid.Http.GetFromJsonAsync<JsonObject>($"/api/sites/{Uri.EscapeDataString(site)}/metrics/{metric.NameOf()}?from={first - 60_000}&to={last}");
            var windows = answer!["windows"]!.AsArray().ToDictionary(w => (long)w!["start"]!, w => (double)w!["value"]!);
            differences.AddRange(WindowComparison.Differences($"{site} {metric.NameOf()}", series, windows));
        }
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
        var wrongFinals = await GridWindows.FinalDifferencesAsync(watch, expected);
        Assert.True(wrongFinals.Count == 0, string.Join(Environment.NewLine, wrongFinals.Take(30)));

        var site0 = expected.TopPages.Keys.Order().First();
        var top = await grid.Http.GetFromJsonAsync<JsonObject>($"/api/sites/{site0}/top-pages?from={first}&to={last}&limit=5");
        var expectedTop = expected.TopPages[site0].Values.SelectMany(p => p).GroupBy(p => p.Key).Select(g => (Page: g.Key, Views: g.Sum(p => p.Value)))
            .OrderByDescending(p => p.Views).ThenBy(p => p.Page, StringComparer.Ordinal).Take(5);
        Assert.Equal(expectedTop.Select(p => $"{p.Page}={p.Views}"), top!["pages"]!.AsArray().Select(p => $"{(string)p!["page"]!}={(long)p["views"]!}"));
    }

    [Fact]
    public async Task The_v2_write_path_lands_final_windows_in_a_server_that_speaks_it()
    {
        var bucket = $"grid_{Guid.NewGuid():N}";
        var settings = InfluxSettings(TestServers.VictoriaMetrics, bucket);
        settings["InfluxDB:ApiVersion"] = "2";
        settings["InfluxDB:Token"] = "test-token";
        settings["InfluxDB:Organization"] = "test";
        settings["InfluxDB:Bucket"] = bucket;
        await using var grid = await GridHost.StartAsync(settings: settings);
        var domain = $"{bucket}.test";
        var (counted, log, _, _) = ReferenceRun.Log(seed: 22, sites: 2, visitorsPerSite: 100, domain: domain, minimum: 1_000);
        await KafkaLog.ProduceAsync(grid.Topic, log);
        await ReferenceRun.WaitUntilAllCountedAndFinalAsync(grid, counted);
        var expected = ReferenceMetrics.Compute(counted, SessionGap);
        var final = (await grid.Progress.GetProgress()).FinalWatermark;
        var site = $"site0.{domain}";
        var finalSeconds = expected.Windows[(site, Metric.PageViews)].Where(w => w.Key + 1000 <= final).ToDictionary();

        var stored = await Eventually.Get(async () => (await VictoriaMetricsExport.ReadAsync(TestServers.VictoriaMetrics, "page_views"))
                .Where(s => s.Labels.GetValueOrDefault("site") == site && !s.Labels.ContainsKey("page")).ToDictionary(s => s.TimestampMs, s => s.Value),
            s => finalSeconds.Keys.All(s.ContainsKey), Deadline, "final windows in VictoriaMetrics");
        Assert.Equal(finalSeconds.OrderBy(w => w.Key), stored.Where(s => finalSeconds.ContainsKey(s.Key)).OrderBy(s => s.Key));
    }

    [Fact]
    public async Task An_InfluxDB_outage_loses_no_final_window()
    {
        await using var influx = await InfluxProcess.StartAsync();
        var database = $"grid_{Guid.NewGuid():N}";
        await using var grid = await GridHost.StartAsync(settings: InfluxSettings(influx.Url, database));
        var (counted, log, from, to) = ReferenceRun.Log(seed: 23, sites: 3, visitorsPerSite: 200, domain: "outage.test", minimum: 3_000);
        var half = log.Count / 2;
        await KafkaLog.ProduceAsync(grid.Topic, log.Take(half));
        await Eventually.Get(() => InfluxWindowsAsync(database, "page_views", "*", from, to, influx.Url), s => s.Count > 0, Deadline, "a first write");

        await influx.KillAsync();
        await KafkaLog.ProduceAsync(grid.Topic, log.Skip(half));
        await ReferenceRun.WaitUntilAllCountedAndFinalAsync(grid, counted);
        await influx.StartAgainAsync();

        var expected = ReferenceMetrics.Compute(counted, SessionGap);
        var final = (await grid.Progress.GetProgress()).FinalWatermark;
        foreach (var metric in new[] { Metric.PageViews, Metric.ActiveUsers, Metric.ConversionRate })
        {
            // Every final window, with the reference's value, and nothing for a window not final.
            var finalWindows = expected.Windows[("*", metric)].Where(w => WindowShapes.ClosesAt(metric.FamilyOf(), w.Key, SessionGap) <= final).ToDictionary();
            var stored = await Eventually.Get(() => InfluxWindowsAsync(database, metric.NameOf(), "*", from, to, influx.Url),
                s => finalWindows.Keys.All(s.ContainsKey), Deadline, $"every final {metric.NameOf()} window in InfluxDB");
            var differences = WindowComparison.Differences($"* {metric.NameOf()} in InfluxDB", finalWindows, stored);
            Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences.Take(30)));
        }
    }

    /// <summary>The stored windows of a site's series (no page), by start.</summary>
    private static async Task<Dictionary<long, double>> InfluxWindowsAsync(string database, string measurement, string site, long from, long to, string? url = null)
    {
        using var connection = new InfluxDbConnection(new InfluxDbOptions { Url = url ?? TestServers.InfluxDb, Database = database });
        try
        {
            var result = await connection.Query.QueryAsync(
                $"SELECT \"value\" FROM \"{measurement}\" WHERE \"site\" = $site AND \"page\" = '' AND time >= {from}ms AND time < {to}ms",
                new Dictionary<string, object?> { ["site"] = site });
            return result.Rows.ToDictionary(r => r.Time, r => r.GetDouble("value"));
        }
        catch (Sinks.InfluxDb.Errors.InfluxDbException)
        {
            return [];
        }
    }
}
