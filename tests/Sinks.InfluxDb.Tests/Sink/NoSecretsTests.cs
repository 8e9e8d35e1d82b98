using Analytics.Testing;
using System.Text;
using Analytics.Sinks.InfluxDb.Errors;
using Analytics.Sinks.InfluxDb.Tests.Infrastructure;
using static Analytics.Sinks.InfluxDb.Tests.Infrastructure.Points;

namespace Analytics.Sinks.InfluxDb.Tests.Sink;

/// <summary>Credentials never appear in log lines or exception messages, whatever goes wrong.</summary>
public sealed class NoSecretsTests
{
    private const string Password = "pw-7f3a9c-secret";
    private const string Token = "tok-51bd0e-secret";

    [Fact]
    public async Task Failures_are_logged_and_thrown_without_the_password_or_token()
    {
        var logs = new RecordingLoggerFactory();
        var errors = new List<Exception>();
        foreach (var (url, apiVersion) in new[] { (TestServers.InfluxDb, 1), ("http://127.0.0.1:9", 1), ("http://127.0.0.1:9", 2) })
        {
            var options = TestDatabase.NewOptions(url);
            options.ApiVersion = apiVersion;
            options.Username = "grid";
            options.Password = Password;
            options.Token = Token;
            options.FlushInterval = TimeSpan.FromMilliseconds(20);
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            options.BreakerBreakDuration = TimeSpan.FromMilliseconds(500);
            options.ShutdownTimeout = TimeSpan.Zero;
            using var connection = new InfluxDbConnection(options, loggerFactory: logs);
            errors.Add(await Assert.ThrowsAnyAsync<InfluxDbException>(() => connection.Writer.WriteAsync([Value("m", Now(), 1L)], CancellationToken.None)));
            errors.Add(await Assert.ThrowsAnyAsync<InfluxDbException>(() => connection.Query.QueryAsync("SELECT * FROM \"m\"")));
            await using var sink = connection.CreateSink();
            await sink.StartAsync();
            var ticket = sink.Enqueue([Value("m", Now(), 1L)]);
            await Eventually.True(() => ticket.Written.IsFaulted || logs.Lines.Any(l => l.Contains("sent again")), TimeSpan.FromSeconds(20), "the sink to log a failure");
        }

        var everything = string.Join("\n", logs.Lines.Concat(errors.Select(e => e.ToString())));
        Assert.Contains("InfluxDB", everything);
        foreach (var secret in new[] { Password, Token, Convert.ToBase64String(Encoding.UTF8.GetBytes($"grid:{Password}")) })
            Assert.DoesNotContain(secret, everything);
    }
}
