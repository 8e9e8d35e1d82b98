using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Grains.Interfaces.Grains;

/// <summary>
/// What a shard grain tells a site's reducer: its own current value of each window it changed (or, when
/// <paramref name="Complete"/>, of every window it holds for the site), and how many of the site's events it
/// counted in all. Values are the shard's totals, not increments, so a report sent twice, or sent again by a
/// shard replaying after a crash, changes nothing.
/// </summary>
/// <param name="Shard">The shard's index, unique in the grid.</param>
[GenerateSerializer, Immutable]
public sealed record ShardReport(
    [property: Id(0)] int Shard,
    [property: Id(1)] string Site,
    [property: Id(2)] WindowEntry[] Windows,
    [property: Id(3)] long Events,
    [property: Id(4)] bool Complete);

/// <summary>A reducer's answer: every window closing at or before <paramref name="DurableFinal"/> is final and saved by it.</summary>
[GenerateSerializer, Immutable]
public readonly record struct ReducerAck([property: Id(0)] long DurableFinal);
