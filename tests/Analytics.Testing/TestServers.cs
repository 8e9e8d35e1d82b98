using Xunit;
namespace Analytics.Testing;

/// <summary>
/// The servers the repository's test command starts and exports. Missing ones fail the test (never skip it):
/// a green run must mean the sink was tried against the real thing.
/// </summary>
public static class TestServers
{
    public const string InfluxDbVariable = "ANALYTICS_TEST_INFLUXDB";
    public const string VictoriaMetricsVariable = "ANALYTICS_TEST_VICTORIAMETRICS";

    /// <summary>An InfluxDB 1.6.7 on loopback, e.g. <c>http://127.0.0.1:8086</c>.</summary>
    public static string InfluxDb => Require(InfluxDbVariable);

    /// <summary>A VictoriaMetrics on loopback, e.g. <c>http://127.0.0.1:8428</c>.</summary>
    public static string VictoriaMetrics => Require(VictoriaMetricsVariable);

    private static string Require(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
            Assert.Fail($"{variable} is not set: run deploy/test.sh, which starts the test servers and exports it.");
        return value!.TrimEnd('/');
    }
}
