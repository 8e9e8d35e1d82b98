using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Testing;
using Xunit.Abstractions;

namespace Analytics.FunctionalTests.Security;

/// <summary>
/// Ten thousand hostile requests from one seed (<see cref="HostileRequests"/>) to ingestion and the query API of a grid
/// that writes to a real InfluxDB: every answer is a 4xx, or a 2xx for input that is valid; the host stays up; and what
/// was accepted reaches InfluxDB exactly as sent, with nothing else. Of an event only the site and the page become part
/// of InfluxDB's line protocol (as tags); sites are plain host names, so pages carry the metacharacters there.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int Seed = 20_260_101;
    private const int Requests = 10_000;
    private const string AllowedOrigin = "https://shop.fuzz.test";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxOutOfOrderness = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Ten_thousand_hostile_requests_get_only_4xx_answers_and_what_is_accepted_lands_in_InfluxDB_as_sent()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var database = $"fuzz_{run}";
        // Made first, so that queries of older windows find it from the first request on.
        await InfluxAsync(database, $"CREATE DATABASE \"{database}\"", HttpMethod.Post);
        string[] sites = [.. Enumerable.Range(0, 4).Select(n => $"s{n}.fuzz-{run}.test")];
        await using var grid = await GridHost.StartAsync(silos: 1, settings: new Dictionary<string, string?>
        {
            ["InfluxDB:Url"] = TestServers.InfluxDb,
            ["InfluxDB:Database"] = database,
            ["InfluxDB:FlushInterval"] = "00:00:00.200",
            ["Access:Keys:0"] = SecuredApi.Key,
            ["Ingestion:AllowedOrigins:0"] = AllowedOrigin,
        });
        var generator = new HostileRequests(Seed, sites, SecuredApi.Key, AllowedOrigin, DateTimeOffset.UtcNow);
        var requests = Enumerable.Range(0, Requests).Select(_ => generator.Next()).ToList();

        var clock = Stopwatch.StartNew();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var mustLand = new ConcurrentDictionary<(string Site, string Page), bool>();
        var mayLand = new ConcurrentDictionary<(string Site, string Page), bool>();
        var acceptedSites = new ConcurrentDictionary<string, bool>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, cancellationToken) =>
        {
            using var response = await grid.Http.SendAsync(request.ToMessage(), cancellationToken);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status is >= 400 and < 500 && !request.MustBeAccepted) return;
            if (status is >= 200 and < 300 && !request.IsIngestion) return;
            if (status != (int)HttpStatusCode.Accepted)
            {
                failures.Enqueue($"{status} for {request} → {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return;
            }
            if (EventOracle.Check(request.Body!, out var accepted, out var pageViews) is { } problem)
                failures.Enqueue($"202 for an invalid request ({problem}): {request}");
            foreach (var site in accepted) acceptedSites[site] = true;
            foreach (var page in pageViews)
            {
                mayLand[page] = true;
                if (request.MustBeAccepted) mustLand[page] = true;
            }
        });
        output.WriteLine($"{Requests} requests in {clock.Elapsed.TotalSeconds:0.0} s: " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));

        Assert.True(failures.IsEmpty, $"{failures.Count} wrong answers, by kind: " +
            string.Join(", ", failures.GroupBy(f => f.Split(' ')[0] + " " + f.Split(' ')[2]).Select(g => $"{g.Key}×{g.Count()}")) +
            "; the first ones:\n" + string.Join("\n", failures.Take(10).Select(f => f.Length > 2000 ? f[..2000] : f)));
        // The run reached every kind of refusal, and accepted the valid events.
        Assert.Superset(new HashSet<int> { 202, 400, 401, 403, 405, 413, 415 }, statuses.Keys.ToHashSet());
        Assert.Equal(HttpStatusCode.OK, (await grid.Http.GetAsync("/health/live")).StatusCode);

        // The watermark trails the newest event by MaxOutOfOrderness, and an event counts for it at most at the time it was
        // accepted: one event accepted that long after the run makes all of the run final.
        var runEnded = DateTimeOffset.UtcNow;
        await Eventually.True(() => DateTimeOffset.UtcNow > runEnded + MaxOutOfOrderness, Deadline, "the out-of-orderness to pass after the run");
        var closing = TestEvents.PageView($"closing-{run}", sites[0], "closing", "/closing", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(HttpStatusCode.Accepted, (await grid.Http.PostAsync(closing)).StatusCode);
        mayLand[(sites[0], "/closing")] = true;

        // Every page sent by a valid event lands in InfluxDB as the same string, under its site; nothing else does.
        foreach (var site in sites)
        {
            var must = mustLand.Keys.Where(p => p.Site == site).Select(p => p.Page).ToHashSet();
            var may = mayLand.Keys.Where(p => p.Site == site).Select(p => p.Page).ToHashSet();
            var stored = await Eventually.Get(async () => (await ValuesAsync(database, $"SHOW TAG VALUES FROM \"page_views\" WITH KEY = \"page\" WHERE \"site\" = '{site}'")).ToHashSet(),
                s => must.IsSubsetOf(s) || clock.Elapsed > Deadline, Deadline * 2, $"the pages of {site} in InfluxDB");
            var missing = must.Except(stored).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {must.Count} pages of {site} are not in InfluxDB, such as: {string.Join("  ", missing.Take(10))}");
            Assert.Subset(may, stored);
        }
        Assert.Subset(acceptedSites.Keys.Append("*").ToHashSet(), (await ValuesAsync(database, "SHOW TAG VALUES WITH KEY = \"site\"")).ToHashSet());
        Assert.Subset(Metrics.All.Select(m => m.NameOf()).ToHashSet(), (await ValuesAsync(database, "SHOW MEASUREMENTS", column: 0)).ToHashSet());
        Assert.Subset(new HashSet<string> { WindowMeasurements.SiteTag, WindowMeasurements.PageTag }, (await ValuesAsync(database, "SHOW TAG KEYS", column: 0)).ToHashSet());
        Assert.Subset(new HashSet<string> { WindowMeasurements.ValueField, "visitors", "converters", "sessions", "duration_ms", "bounces" },
            (await ValuesAsync(database, "SHOW FIELD KEYS", column: 0)).ToHashSet());
        output.WriteLine($"{mustLand.Count} hostile pages in InfluxDB after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>One column of every row an InfluxQL statement answers, read over plain HTTP (not through the grid's client).</summary>
    private static async Task<List<string>> ValuesAsync(string database, string statement, int column = 1)
    {
        var answer = JsonNode.Parse(await InfluxAsync(database, statement, HttpMethod.Get))!;
        var result = answer["results"]![0]!;
        if (result["error"] is { } error) throw new InvalidOperationException($"{statement}: {error}");
        return [.. (result["series"]?.AsArray() ?? []).SelectMany(s => s!["values"]!.AsArray()).Select(row => (string)row![column]!)];
    }

    private static async Task<string> InfluxAsync(string database, string statement, HttpMethod method)
    {
        using var http = new HttpClient();
        var url = $"{TestServers.InfluxDb}/query?db={Uri.EscapeDataString(database)}&q={Uri.EscapeDataString(statement)}";
        using var response = await http.SendAsync(new HttpRequestMessage(method, url));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
