using Analytics.Sinks.InfluxDb.Diagnostics;
using Analytics.Sinks.InfluxDb.Errors;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Analytics.Sinks.InfluxDb.Sink;

/// <summary>
/// The Polly pipeline around one write request: retries with exponential backoff and jitter, inside them a
/// circuit breaker. Only transient failures count (server down, timeout, 429, 5xx): a refused point is not
/// the server's fault and must neither be retried nor open the circuit.
/// </summary>
internal static class WriteResilience
{
    /// <summary>How many points the current request carries, for the retry report.</summary>
    public static readonly ResiliencePropertyKey<int> Points = new("analytics.influxdb.points");

    public static ResiliencePipeline Build(InfluxDbOptions options, TimeProvider time, SinkMeter meter, ILogger logger)
    {
        var transient = new PredicateBuilder().Handle<InfluxDbException>(e => e.IsTransient);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    var points = args.Context.Properties.GetValue(Points, 0);
                    meter.Report(WriteOutcome.Retry, points);
                    InfluxLog.WriteRetrying(logger, points, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    return default;
                },
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                OnOpened = args =>
                {
                    InfluxLog.CircuitOpened(logger, args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    InfluxLog.CircuitClosed(logger);
                    return default;
                },
            })
            .Build();
    }
}
