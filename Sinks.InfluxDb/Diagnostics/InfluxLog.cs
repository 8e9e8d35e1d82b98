using Microsoft.Extensions.Logging;

namespace Analytics.Sinks.InfluxDb.Diagnostics;

/// <summary>
/// The library's log lines, source-generated. None carries a credential: the exceptions logged here are built
/// by this library from server answers and transport errors, and requests carry credentials only in headers.
/// </summary>
internal static partial class InfluxLog
{
    [LoggerMessage(1, LogLevel.Information, "InfluxDB schema: ran {Statement}")]
    public static partial void SchemaChanged(ILogger logger, string statement);

    [LoggerMessage(2, LogLevel.Warning, "InfluxDB schema bootstrap failed; trying again in {Delay}")]
    public static partial void SchemaRetrying(ILogger logger, TimeSpan delay, Exception error);

    [LoggerMessage(3, LogLevel.Error, "InfluxDB schema bootstrap failed for good; writes will report why")]
    public static partial void SchemaFailed(ILogger logger, Exception error);

    [LoggerMessage(4, LogLevel.Warning, "InfluxDB sink buffer is full ({Capacity} points): enqueued points are dropped until it drains")]
    public static partial void BufferFull(ILogger logger, int capacity);

    [LoggerMessage(5, LogLevel.Information, "InfluxDB sink buffer accepts points again")]
    public static partial void BufferRecovered(ILogger logger);

    [LoggerMessage(6, LogLevel.Warning, "InfluxDB write of {Points} points failed (attempt {Attempt}); retrying in {Delay}")]
    public static partial void WriteRetrying(ILogger logger, int points, int attempt, TimeSpan delay, Exception? error);

    [LoggerMessage(7, LogLevel.Warning, "InfluxDB write of {Points} points failed; the batch stays buffered and is sent again in {Delay}")]
    public static partial void WriteDeferred(ILogger logger, int points, TimeSpan delay, Exception error);

    [LoggerMessage(8, LogLevel.Error, "InfluxDB refused {Points} points for good; the tickets holding them fail")]
    public static partial void PointsRejected(ILogger logger, int points, Exception error);

    [LoggerMessage(9, LogLevel.Warning, "InfluxDB writes paused for {BreakDuration} after repeated failures")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(10, LogLevel.Information, "InfluxDB writes resumed")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(11, LogLevel.Information, "InfluxDB sink stopped; {Points} unsent points were cancelled")]
    public static partial void Stopped(ILogger logger, int points);

    [LoggerMessage(12, LogLevel.Warning, "An InfluxDB sink observer threw; the sink carries on")]
    public static partial void ObserverFailed(ILogger logger, Exception error);
}
