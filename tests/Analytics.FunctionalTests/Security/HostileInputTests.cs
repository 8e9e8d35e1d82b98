using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Testing;
using Xunit.Abstractions;

namespace Analytics.FunctionalTests.Security;

/// <summary>
/// Ten thousand hostile requests from one seed (<see cref="HostileRequests"/>) to ingestion and the query API of a grid
/// with access keys that writes to a real InfluxDB. Each answer is the one its input must get: a query without the key
/// or with a wrong one a 401, with the key an answer or a 400; an event a 202 only when the independent
/// <see cref="EventOracle"/> finds it valid, and a 400 naming the field one past a length limit. The host stays up; what
/// was accepted is on the Kafka topic exactly as the oracle reads what was sent (ids, visitors, URLs, pages, referrers,
/// values, props), with nothing else; and its pages reach InfluxDB as the contract derives them (<see cref="ContractPage"/>).
/// Of an event only the site and the page become part of InfluxDB's line protocol (as tags); sites are plain host names,
/// so pages carry the metacharacters there.
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
        var runStart = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var mustLand = new ConcurrentDictionary<(string Site, string Page), bool>();
        var mayLand = new ConcurrentDictionary<(string Site, string Page), bool>();
        var acceptedSites = new ConcurrentDictionary<string, bool>();
        var acceptedEvents = new ConcurrentQueue<StoredEvent>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, cancellationToken) =>
        {
            using var response = await grid.Http.SendAsync(request.ToMessage(), cancellationToken);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            async Task Fail(string why) =>
                failures.Enqueue($"{status} for {request} ({why}) → {await response.Content.ReadAsStringAsync(cancellationToken)}");
            if (!request.IsIngestion)
            {
                if (await QueryProblemAsync(grid.Http, request, response, cancellationToken) is { } problem) await Fail(problem);
                return;
            }
            if (request.MustBeRejectedFor is { } field)
            {
                var errors = status == 400 ? JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))?["errors"]?.AsObject() : null;
                if (errors is null || !errors.Any(e => e.Key == field || e.Key.StartsWith(field + ".", StringComparison.Ordinal))) await Fail($"one past a length limit must be a 400 naming {field}");
                return;
            }
            if (status != (int)HttpStatusCode.Accepted)
            {
                // Ingestion is open: never a 401. A refusal is bad input (400), a foreign origin (403), too big (413) or no JSON (415).
                if (request.MustBeAccepted || status is not (400 or 403 or 413 or 415)) await Fail("not the answer this input must get");
                return;
            }
            if (EventOracle.Check(request.Body!, out var events) is { } invalid)
            {
                failures.Enqueue($"202 for an invalid request ({invalid}): {request}");
                return;
            }
            foreach (var e in events)
            {
                acceptedEvents.Enqueue(e);
                acceptedSites[e.Site] = true;
                if (e.Type != "page_view") continue;
                mayLand[(e.Site, e.Page!)] = true;
                if (request.MustBeAccepted) mustLand[(e.Site, e.Page!)] = true;
            }
        });
        var runEnd = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        output.WriteLine($"{Requests} requests in {clock.Elapsed.TotalSeconds:0.0} s: " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));

        Assert.True(failures.IsEmpty, $"{failures.Count} wrong answers, by kind: " +
            string.Join(", ", failures.GroupBy(f => f.Split(' ')[0] + " " + f.Split(' ')[2]).Select(g => $"{g.Key}×{g.Count()}")) +
            "; the first ones:\n" + string.Join("\n", failures.Take(10).Select(f => f.Length > 2000 ? f[..2000] : f)));
        // The run reached every kind of refusal, and accepted the valid events.
        Assert.Superset(new HashSet<int> { 200, 202, 400, 401, 403, 405, 413, 415 }, statuses.Keys.ToHashSet());
        Assert.Equal(HttpStatusCode.OK, (await grid.Http.GetAsync("/health/live")).StatusCode);

        // Where ids, visitors, URLs, referrers, values and props are stored: the topic holds every accepted event exactly
        // as the oracle reads what was sent, and nothing else (a 202 comes only once Kafka holds the event).
        var onTopic = TopicLog.ReadAll(grid.Topic, GridHost.Partitions).Select(e => new StoredEvent(
            e.Id, e.Type.ToWireName(), e.Site, e.Visitor, e.Url, e.Page, e.Referrer, e.Value, e.Timestamp,
            e.Props?.ToDictionary(p => p.Key, p => p.Value.ToString()) ?? [])).ToList();
        var storedProblems = StoredDifferences(acceptedEvents.ToList(), onTopic, runStart, runEnd);
        Assert.True(storedProblems.Count == 0, $"{storedProblems.Count} stored events differ from what was sent, such as:\n" + string.Join("\n", storedProblems.Take(10)));
        output.WriteLine($"{onTopic.Count} events on the topic, each as sent");

        // The watermark trails the newest event by MaxOutOfOrderness, and an event counts for it at most at the time it was
        // accepted: one event accepted that long after the run makes all of the run final.
        var runEnded = DateTimeOffset.UtcNow;
        await Eventually.True(() => DateTimeOffset.UtcNow > runEnded + MaxOutOfOrderness, Deadline, "the out-of-orderness to pass after the run");
        var closing = TestEvents.PageView($"closing-{run}", sites[0], "closing", "/closing", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(HttpStatusCode.Accepted, (await grid.Http.PostAsync(closing)).StatusCode);
        mayLand[(sites[0], "/closing")] = true;
        var landing = Stopwatch.StartNew();

        // Every page sent by a valid event lands in InfluxDB as the contract derives it, under its site; nothing else does.
        foreach (var site in sites)
        {
            var must = mustLand.Keys.Where(p => p.Site == site).Select(p => p.Page).ToHashSet();
            var may = mayLand.Keys.Where(p => p.Site == site).Select(p => p.Page).ToHashSet();
            var stored = await Eventually.Get(async () => (await ValuesAsync(database, $"SHOW TAG VALUES FROM \"page_views\" WITH KEY = \"page\" WHERE \"site\" = '{site}'")).ToHashSet(),
                s => must.IsSubsetOf(s) || landing.Elapsed > Deadline, Deadline * 2, $"the pages of {site} in InfluxDB");
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

    /// <summary>
    /// What is wrong with a query's answer. With the right key: an answer (200), a refusal of bad parameters (400), no such
    /// route (404) or method (405), never a 401. Without it, or with a wrong one: 401, unless the same request with the
    /// key finds no route or method (a 404 or 405 says nothing about any site).
    /// </summary>
    private static async Task<string?> QueryProblemAsync(HttpClient http, HostileRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (request.Access == KeyUse.Right)
            return status is 200 or 400 or 404 or 405 ? null : "with the right key a query is answered, or refused for bad parameters";
        using var keyed = await http.SendAsync(request.KeyedTwin!.ToMessage(), cancellationToken);
        var route = (int)keyed.StatusCode is not (404 or 405);
        if (route && status != 401) return $"a route answered {request.Access} key with {status}, not 401 (with the key: {(int)keyed.StatusCode})";
        if (!route && status != 401 && status != (int)keyed.StatusCode) return $"no route, and yet {status} without the key and {(int)keyed.StatusCode} with it";
        return null;
    }

    private static List<string> StoredDifferences(List<StoredEvent> sent, List<StoredEvent> stored, long runStart, long runEnd)
    {
        var problems = new List<string>();
        var expected = sent.ToLookup(e => (e.Site, e.Visitor, e.Id));
        var actual = stored.ToLookup(e => (e.Site, e.Visitor, e.Id));
        foreach (var group in expected)
        {
            var copies = actual[group.Key].ToList();
            if (copies.Count != group.Count()) problems.Add($"{group.Count()} sent, {copies.Count} stored: {group.First()}");
            foreach (var (want, got) in group.Zip(copies))
            {
                // No ts: the time the server received it, within the run.
                var timeRight = want.Timestamp is { } ts ? got.Timestamp == ts : got.Timestamp >= runStart - 1000 && got.Timestamp <= runEnd + 1000;
                if (want with { Timestamp = 0, Props = got.Props } != got with { Timestamp = 0 } || !timeRight
                    || !want.Props.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(got.Props.OrderBy(p => p.Key, StringComparer.Ordinal)))
                    problems.Add($"sent   {want}\n  stored {got}");
            }
        }
        problems.AddRange(actual.Where(g => !expected.Contains(g.Key)).Select(g => $"stored but never accepted: {g.First()}"));
        return problems;
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
