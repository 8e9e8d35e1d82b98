using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Grains.Interfaces.Live;

/// <summary>A window as it changed: its family, start, counts, and whether it is final now.</summary>
[GenerateSerializer, Immutable]
public readonly record struct LiveWindow(
    [property: Id(0)] WindowFamily Family, [property: Id(1)] long Start, [property: Id(2)] WindowValue Value, [property: Id(3)] bool Final);

/// <summary>What changed for one site since its reducer last pushed: windows, and the current minute's top pages.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveUpdate(
    [property: Id(0)] string Site,
    [property: Id(1)] LiveWindow[] Windows,
    [property: Id(2)] LiveTopPages? TopPages);

[GenerateSerializer, Immutable]
public sealed record LiveTopPages([property: Id(0)] long Start, [property: Id(1)] bool Final, [property: Id(2)] PageViewCount[] Pages);

/// <summary>The pipeline's own health, over the last minute, for dashboards.</summary>
[GenerateSerializer, Immutable]
public sealed record PipelineSnapshot(
    [property: Id(0)] long At,
    [property: Id(1)] double EventsPerMinute,
    [property: Id(2)] double? LatencyP50Ms,
    [property: Id(3)] double? LatencyP95Ms,
    [property: Id(4)] double? LatencyP99Ms,
    [property: Id(5)] double ErrorsPerMinute,
    [property: Id(6)] double ErrorRate,
    [property: Id(7)] long ConsumerLag,
    [property: Id(8)] long? Watermark,
    [property: Id(9)] long? FinalWatermark);

/// <summary>One process's pipeline counters since it started; the stats grain turns them into rates.</summary>
[GenerateSerializer, Immutable]
public sealed record PipelineCounters(
    [property: Id(0)] string Source,
    [property: Id(1)] long At,
    [property: Id(2)] long Events,
    [property: Id(3)] long Errors,
    [property: Id(4)] long[] LatencyBuckets,
    [property: Id(5)] long ConsumerLag);
