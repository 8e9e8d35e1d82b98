using Microsoft.Extensions.Options;

namespace Analytics.Sinks.InfluxDb;

/// <summary>
/// Checks <see cref="InfluxDbOptions"/> at start-up and names each setting that is wrong. Messages never
/// contain the values of <see cref="InfluxDbOptions.Password"/> or <see cref="InfluxDbOptions.Token"/>.
/// </summary>
public sealed class InfluxDbOptionsValidator : IValidateOptions<InfluxDbOptions>
{
    private static readonly HashSet<string> KnownRollupFunctions =
        ["mean", "median", "min", "max", "sum", "count", "first", "last", "spread", "stddev"];

    public ValidateOptionsResult Validate(string? name, InfluxDbOptions options)
    {
        var failures = Check(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>For use without dependency injection: throws <see cref="OptionsValidationException"/> listing every wrong setting.</summary>
    public static void ThrowIfInvalid(InfluxDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options).ToList();
        if (failures.Count > 0)
            throw new OptionsValidationException(Options.DefaultName, typeof(InfluxDbOptions), failures);
    }

    private static IEnumerable<string> Check(InfluxDbOptions o)
    {
        if (!Uri.TryCreate(o.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            yield return Fail(nameof(o.Url), "must be an absolute http or https address");
        else if (url.UserInfo.Length > 0)
            yield return Fail(nameof(o.Url), "must not carry credentials; use Username and Password (API 1) or Token (API 2)");
        else if (url.Query.Length > 0 || url.Fragment.Length > 0)
            yield return Fail(nameof(o.Url), "must not have a query or fragment");
        if (o.ApiVersion is not (1 or 2))
            yield return Fail(nameof(o.ApiVersion), "must be 1 (InfluxDB 1.x /write) or 2 (/api/v2/write)");
        if (!IsName(o.Database))
            yield return Fail(nameof(o.Database), "must be a non-empty name without control characters");
        if (!IsName(o.RetentionPolicy))
            yield return Fail(nameof(o.RetentionPolicy), "must be a non-empty name without control characters");
        if (o.Password.Length > 0 && o.Username.Length == 0)
            yield return Fail(nameof(o.Username), "must be set when Password is");
        if (o.Username.Contains(':'))
            yield return Fail(nameof(o.Username), "must not contain ':' (basic authentication separates user and password with it)");
        if (o.BatchSize is < 1 or > 100_000)
            yield return Fail(nameof(o.BatchSize), "must be between 1 and 100000");
        if (o.BufferCapacity < o.BatchSize)
            yield return Fail(nameof(o.BufferCapacity), "must be at least BatchSize");
        if (o.FlushInterval <= TimeSpan.Zero)
            yield return Fail(nameof(o.FlushInterval), "must be positive");
        if (o.RequestTimeout <= TimeSpan.Zero)
            yield return Fail(nameof(o.RequestTimeout), "must be positive");
        if (o.MaxRetryAttempts is < 0 or > 100)
            yield return Fail(nameof(o.MaxRetryAttempts), "must be between 0 and 100");
        if (o.RetryBaseDelay <= TimeSpan.Zero)
            yield return Fail(nameof(o.RetryBaseDelay), "must be positive");
        if (o.RetryMaxDelay < o.RetryBaseDelay)
            yield return Fail(nameof(o.RetryMaxDelay), "must be at least RetryBaseDelay");
        if (o.BreakerFailureRatio is <= 0 or > 1)
            yield return Fail(nameof(o.BreakerFailureRatio), "must be greater than 0 and at most 1");
        if (o.BreakerMinimumThroughput < 2)
            yield return Fail(nameof(o.BreakerMinimumThroughput), "must be at least 2");
        if (o.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
            yield return Fail(nameof(o.BreakerSamplingDuration), "must be at least 500 ms");
        if (o.BreakerBreakDuration < TimeSpan.FromMilliseconds(500))
            yield return Fail(nameof(o.BreakerBreakDuration), "must be at least 500 ms");
        if (o.ShutdownTimeout < TimeSpan.Zero)
            yield return Fail(nameof(o.ShutdownTimeout), "must not be negative");
        foreach (var failure in CheckSchema(o))
            yield return failure;
    }

    private static IEnumerable<string> CheckSchema(InfluxDbOptions o)
    {
        if (o.RawRetention != TimeSpan.Zero && o.RawRetention < TimeSpan.FromHours(1))
            yield return Fail(nameof(o.RawRetention), "must be zero (forever) or at least 1 hour");
        if (!IsName(o.RollupRetentionPolicy) || o.RollupRetentionPolicy == o.RetentionPolicy)
            yield return Fail(nameof(o.RollupRetentionPolicy), "must be a non-empty name that differs from RetentionPolicy");
        if (o.RollupRetention != TimeSpan.Zero && o.RollupRetention < TimeSpan.FromHours(1))
            yield return Fail(nameof(o.RollupRetention), "must be zero (forever) or at least 1 hour");
        if (o.RollupInterval < TimeSpan.FromSeconds(1) || o.RollupInterval.Ticks % TimeSpan.TicksPerSecond != 0)
            yield return Fail(nameof(o.RollupInterval), "must be a whole number of seconds, at least 1");
        if (o.RollupResampleFor < o.RollupInterval || o.RollupResampleFor.Ticks % TimeSpan.TicksPerSecond != 0)
            yield return Fail(nameof(o.RollupResampleFor), "must be a whole number of seconds, at least RollupInterval");
        var functions = o.RollupFunctionNames;
        if (functions.Any(f => !KnownRollupFunctions.Contains(f)) || functions.Distinct().Count() != functions.Count)
            yield return Fail(nameof(o.RollupFunctions), $"must list, comma-separated and each at most once, some of: {string.Join(", ", KnownRollupFunctions)}");
    }

    private static bool IsName(string? value) => !string.IsNullOrEmpty(value) && !value.Any(char.IsControl);

    private static string Fail(string setting, string rule) => $"InfluxDb: {setting} {rule}.";
}
