using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Security;
using Analytics.Testing;

namespace Analytics.FunctionalTests;

/// <summary>Readiness says which dependency is down, and only that: why is in the log.</summary>
public sealed class HealthTests(SecurityGridFixture fixture) : IClassFixture<SecurityGridFixture>
{
    [Fact]
    public async Task Readiness_is_503_naming_the_dependencies_that_do_not_answer_while_liveness_stays_200()
    {
        var (postgres, influx) = (ClosedPort(), ClosedPort());
        await using var api = SecuredApi.Start(fixture.Grid, new Dictionary<string, string?>
        {
            ["Cluster:Storage"] = "AdoNet",
            ["Cluster:ConnectionString"] = $"Host=127.0.0.1;Port={postgres};Username=grid;Password=unused;Timeout=2",
            ["InfluxDB:Url"] = $"http://127.0.0.1:{influx}",
        });
        var client = api.Client();

        // Kafka answers; the two others listen nowhere.
        var (status, body) = await Eventually.Get(() => ReadyAsync(client), r => r.Body?["checks"]?["kafka"]?.GetValue<string>() == "Healthy",
            TimeSpan.FromSeconds(30), "the Kafka check to pass");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body!["status"]!.GetValue<string>());
        Assert.Equal("Unhealthy", body["checks"]!["postgresql"]!.GetValue<string>());
        Assert.Equal("Unhealthy", body["checks"]!["influxdb"]!.GetValue<string>());
        Assert.DoesNotContain($"{postgres}", body.ToJsonString());
        Assert.Contains(api.Logs.Lines, line => line.Contains("postgresql") && line.Contains("Unhealthy"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Readiness_lists_only_the_dependencies_the_process_uses()
    {
        // No AdoNet clustering or storage and no InfluxDB: a "postgresql":"Healthy" here would read as connected.
        await using var api = SecuredApi.Start(fixture.Grid, new Dictionary<string, string?>());
        var (status, body) = await Eventually.Get(() => ReadyAsync(api.Client()), r => r.Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "readiness to pass");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["kafka"], body!["checks"]!.AsObject().Select(check => check.Key));
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    // A loopback port nothing listens on: taken from the system, then let go.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
