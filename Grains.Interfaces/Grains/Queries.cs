using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Grains.Interfaces.Grains;

/// <summary>A window as the grid answers it: its start (ms), its counts, and whether it is final.</summary>
[GenerateSerializer, Immutable]
public readonly record struct WindowAnswer([property: Id(0)] long Start, [property: Id(1)] WindowValue Value, [property: Id(2)] bool Final);

/// <summary>A page and its page views over a range.</summary>
[GenerateSerializer, Immutable]
public sealed record PageViewCount([property: Id(0)] string Page, [property: Id(1)] long Views);

/// <summary>One page's final page views of one minute, per second.</summary>
[GenerateSerializer, Immutable]
public sealed record PageMinute([property: Id(0)] long Minute, [property: Id(1)] int[] Seconds);
