using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Analytics.ServiceDefaults.Health;

/// <summary>InfluxDB (registered only when configured) is ready when it answers <c>/ping</c> (served by 1.x, 2.x and 3.x).</summary>
internal sealed class InfluxDbHealthCheck(IConfiguration configuration, IHttpClientFactory http) : IHealthCheck
{
    public const string HttpClientName = "influxdb-health";
    public const string UrlSetting = "InfluxDB:Url";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var url = configuration[UrlSetting]!;
        try
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(new Uri(new Uri(url), "ping"), cancellationToken);
            return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"/ping answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
