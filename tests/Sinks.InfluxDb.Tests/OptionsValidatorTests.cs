using Microsoft.Extensions.Options;

namespace Analytics.Sinks.InfluxDb.Tests;

/// <summary>The validator names the wrong setting and never repeats a secret.</summary>
public sealed class OptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        InfluxDbOptionsValidator.ThrowIfInvalid(new InfluxDbOptions());
    }

    [Theory]
    [InlineData(nameof(InfluxDbOptions.Url), "ftp://host")]
    [InlineData(nameof(InfluxDbOptions.Url), "http://user:pass@host:8086")]
    [InlineData(nameof(InfluxDbOptions.ApiVersion), 3)]
    [InlineData(nameof(InfluxDbOptions.Database), "")]
    [InlineData(nameof(InfluxDbOptions.BatchSize), 0)]
    [InlineData(nameof(InfluxDbOptions.BufferCapacity), 10)]
    [InlineData(nameof(InfluxDbOptions.MaxRetryAttempts), -1)]
    [InlineData(nameof(InfluxDbOptions.BreakerFailureRatio), 0.0)]
    [InlineData(nameof(InfluxDbOptions.BreakerMinimumThroughput), 1)]
    [InlineData(nameof(InfluxDbOptions.RollupRetentionPolicy), "raw")]
    public void A_wrong_setting_is_named(string setting, object value)
    {
        var options = new InfluxDbOptions();
        typeof(InfluxDbOptions).GetProperty(setting)!.SetValue(options, value);

        var error = Assert.Throws<OptionsValidationException>(() => InfluxDbOptionsValidator.ThrowIfInvalid(options));

        Assert.Contains($"InfluxDb: {setting} ", Assert.Single(error.Failures));
    }

    [Fact]
    public void Durations_and_rollup_functions_are_checked()
    {
        var options = new InfluxDbOptions
        {
            FlushInterval = TimeSpan.Zero,
            RawRetention = TimeSpan.FromMinutes(5),
            RollupInterval = TimeSpan.FromMilliseconds(1500),
            RollupFunctions = "mean,mean,drop",
        };

        var failures = new InfluxDbOptionsValidator().Validate(null, options).Failures!;

        Assert.Equal(
            ["FlushInterval", "RawRetention", "RollupInterval", "RollupFunctions"],
            failures.Select(f => f.Split(' ')[1]));
    }

    [Fact]
    public void A_password_without_a_user_is_named_without_repeating_the_password()
    {
        var options = new InfluxDbOptions { Password = "hunter2-secret", Token = "token-secret" };

        var error = Assert.Throws<OptionsValidationException>(() => InfluxDbOptionsValidator.ThrowIfInvalid(options));

        Assert.Contains("Username", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }
}
