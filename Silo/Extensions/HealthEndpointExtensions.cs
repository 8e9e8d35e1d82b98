namespace Analytics.Silo.Extensions;

public static class HealthEndpointExtensions
{
    /// <summary>
    /// Where the silo serves /metrics and /health: <c>Health:Address</c> (default loopback; containers set
    /// 0.0.0.0 so that probes and Prometheus reach it) and <c>Health:Port</c> (default 8081).
    /// </summary>
    public static void UseHealthEndpoint(this WebApplicationBuilder builder)
    {
        var address = builder.Configuration["Health:Address"] is { Length: > 0 } a ? a : "127.0.0.1";
        var port = builder.Configuration.GetValue("Health:Port", 8081);
        if (port is < 1 or > 65535) throw new InvalidOperationException("Invalid settings: Health:Port must be a port number");
        builder.WebHost.UseUrls($"http://{address}:{port}");
    }
}
