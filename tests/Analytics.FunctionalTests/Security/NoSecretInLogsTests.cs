using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Analytics.FunctionalTests.Infrastructure;
using Analytics.Testing;

namespace Analytics.FunctionalTests.Security;

/// <summary>
/// With every log category at Trace, requests carrying keys in each way a client may send them, and settings holding
/// passwords that the host really uses (PostgreSQL for readiness, InfluxDB for older windows), no log line holds a secret.
/// </summary>
public sealed class NoSecretInLogsTests(SecurityGridFixture fixture) : IClassFixture<SecurityGridFixture>
{
    private const string PostgresPassword = "pg-Secret-7f3a9c41d2";
    private const string InfluxPassword = "influx-Secret-b81e66c0";

    [Fact]
    public async Task No_log_line_holds_a_key_a_cookie_or_a_password()
    {
        var database = $"secrets_{Guid.NewGuid():N}";
        using (var influx = new HttpClient())
            (await influx.PostAsync($"{TestServers.InfluxDb}/query?q={Uri.EscapeDataString($"CREATE DATABASE \"{database}\"")}", null)).EnsureSuccessStatusCode();
        await using var api = SecuredApi.Start(fixture.Grid, new Dictionary<string, string?>
        {
            ["Access:Keys:0"] = SecuredApi.Key,
            // The API itself keeps no grain state, but with AdoNet storage its readiness check opens PostgreSQL with this.
            ["Cluster:Storage"] = "AdoNet",
            ["Cluster:ConnectionString"] = $"{TestPostgres.ServerConnectionString};Password={PostgresPassword}",
            ["InfluxDB:Url"] = TestServers.InfluxDb,
            ["InfluxDB:Database"] = database,
            ["InfluxDB:Username"] = "grid",
            ["InfluxDB:Password"] = InfluxPassword,
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Orleans"] = "Trace",
            ["Logging:LogLevel:System"] = "Trace",
        });
        var client = api.Client();
        var hoursAgo = DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeMilliseconds();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(WithKey($"/api/sites/shop.example.com/metrics/page_views?from={hoursAgo}&to={hoursAgo + 3_600_000}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/pipeline?access_token={SecuredApi.Key}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/hubs/metrics/negotiate?negotiateVersion=1&access_token={SecuredApi.Key}", null)).StatusCode);
        var link = await client.GetAsync($"/orleans/?key={SecuredApi.Key}");
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        var cookie = link.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var page = new HttpRequestMessage(HttpMethod.Get, "/orleans/");
        page.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(page)).StatusCode);
        var nearMiss = new HttpRequestMessage(HttpMethod.Get, "/api/sites");
        nearMiss.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecuredApi.Key[..^1] + "X");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(nearMiss)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync(TestEvents.PageView($"s-{Guid.NewGuid():N}", "shop.example.com", "v"))).StatusCode);
        // Every check opens its dependency with the passwords above; a check may fail at first while the host warms up.
        await Eventually.Get(async () =>
        {
            using var ready = await client.GetAsync("/health/ready");
            return $"{(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}";
        }, answer => answer.StartsWith("200 "), TimeSpan.FromSeconds(30), "readiness");

        var lines = api.Logs.Lines.ToList();
        // The capture works and sees the requests: the refused key and the routes matched are logged, without secrets.
        Assert.Contains(lines, line => line.Contains("wrong access key (sent as Header)"));
        Assert.Contains(lines, line => line.Contains("/api/sites/shop.example.com/metrics/page_views"));
        Assert.Contains(lines, line => line.Contains("postgresql"));
        var secrets = new[]
        {
            SecuredApi.Key, SecuredApi.Key[..^1], PostgresPassword, InfluxPassword, cookie.Split('=', 2)[1],
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"grid:{InfluxPassword}")),
        };
        var leaks = lines.Where(line => secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {lines.Count} log lines hold a secret, the first: {leaks.FirstOrDefault()}");
    }

    private static HttpRequestMessage WithKey(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecuredApi.Key);
        return request;
    }
}
