using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Analytics.ServiceDefaults.Health;

/// <summary>
/// Health answers as JSON with each check's status (<c>{"status":"Unhealthy","checks":{"kafka":"Healthy",…}}</c>), so
/// that whoever sees a 503 sees which dependency is down. Not the checks' messages: the endpoints are open (probes
/// carry no key) and a failure message names hosts and ports. Those go to the log, where the health check service
/// writes every unhealthy check with its message.
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var checks = new JsonObject();
        foreach (var (name, entry) in report.Entries) checks[name] = entry.Status.ToString();
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(new JsonObject { ["status"] = report.Status.ToString(), ["checks"] = checks }.ToJsonString());
    }
}
