using Analytics.LoadGenerator.Cli;
using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Tests.Cli;

public class LoadCommandTests
{
    private static LoadOptions Read(string commandLine)
    {
        var command = new LoadCommand((_, _) => Task.FromResult(0));
        var result = command.Root.Parse(commandLine);
        Assert.Empty(result.Errors);
        return command.Read(result);
    }

    [Fact]
    public void Defaults_send_the_normal_scenario_to_the_local_api_for_a_minute()
    {
        var options = Read("");

        Assert.Equal(Target.Http, options.Target);
        Assert.Equal(200, options.TargetRate);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Duration);
        // The API's and the silo's, where deploy/run.sh serves them: the latency histogram is the silo's.
        Assert.Equal([new Uri("http://127.0.0.1:5000/metrics"), new Uri("http://127.0.0.1:8081/metrics")], options.LatencyEndpoints);
        Assert.StartsWith("r", options.Traffic.IdPrefix);
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Options_and_traffic_knobs_are_read()
    {
        var options = Read(
            "--target kafka --bootstrap-servers 127.0.0.1:9092 --scenario stress --duration 90s --batch-size 500 " +
            "--metrics-url http://127.0.0.1:5000/metrics --metrics-url http://127.0.0.1:9100/metrics " +
            "--seed 9 --sites 40 --late-share 0.01 --late-by 2m --duplicate-share 0.02 --session-gap 45m --id-prefix bench");

        Assert.Equal((Target.Kafka, Scenario.Stress, 1000.0), (options.Target, options.Scenario, options.TargetRate!.Value));
        Assert.Equal(TimeSpan.FromSeconds(90), options.Duration);
        Assert.Equal(2, options.LatencyEndpoints.Count);
        var expected = new TrafficProfile
        {
            Seed = 9,
            Sites = 40,
            LateShare = 0.01,
            LateBy = TimeSpan.FromMinutes(2),
            DuplicateShare = 0.02,
            SessionGap = TimeSpan.FromMinutes(45),
            IdPrefix = "bench",
        };
        Assert.Equal(expected, options.Traffic);
    }

    [Fact]
    public void A_rate_overrides_the_scenario()
    {
        var options = Read("--scenario maximum --rate 750");

        Assert.Equal((750.0, "custom"), (options.TargetRate!.Value, options.ScenarioName));
        Assert.Null(Read("--scenario maximum").TargetRate);
    }

    [Fact]
    public void Problems_name_the_option_to_fix()
    {
        var options = Read("--target kafka --batch-size 5000 --session-gap 40m --late-share 0.7");

        Assert.Equal(
            [
                "--bootstrap-servers is required with --target kafka (host:port[,host:port])",
                "--batch-size must be between 1 and 1000, the most the ingestion endpoint takes per request (got 5000)",
                "--return-gap-min must be longer than SessionGap (00:40:00), or returning visitors would not start a new session",
                "--late-share must be between 0 and 0.5 (got 0.7)",
            ],
            options.Problems());
    }

    [Fact]
    public void A_duration_that_is_not_one_is_a_parse_error_naming_the_option()
    {
        var result = new LoadCommand((_, _) => Task.FromResult(0)).Root.Parse("--duration soon");

        Assert.Contains(result.Errors, e => e.Message.Contains("--duration: 'soon' is not a duration"));
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("60s", 60)]
    [InlineData("1.5m", 90)]
    [InlineData("2h", 7200)]
    [InlineData("45", 45)]
    public void Durations_are_read_as_people_write_them(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }
}
