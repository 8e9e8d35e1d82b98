using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Reporting;

/// <summary>The outcome of a run, as printed at the end and written by <c>--json</c> for benchmark records.</summary>
public sealed record RunReport
{
    public required string Target { get; init; }

    /// <summary>The URL or the bootstrap servers and topic the events went to.</summary>
    public required string Destination { get; init; }

    public required string Scenario { get; init; }

    /// <summary>Events per second asked for; null when flat out.</summary>
    public required double? TargetRate { get; init; }

    /// <summary>Accepted events per second of the run.</summary>
    public required double AchievedRate { get; init; }

    public required double DurationSeconds { get; init; }

    public double ThroughputPerMinute => Math.Round(AchievedRate * 60, 1);

    public required long Sent { get; init; }

    public required long Accepted { get; init; }

    public required long Failed { get; init; }

    /// <summary>Slots of the schedule given up because the sender could not keep up with the target rate.</summary>
    public required long Missed { get; init; }

    /// <summary>Failed ÷ sent.</summary>
    public double ErrorRate => Sent == 0 ? 0 : Math.Round((double)Failed / Sent, 6);

    public required IReadOnlyDictionary<string, long> Failures { get; init; }

    public required long ClientErrors { get; init; }

    public required string? LastClientError { get; init; }

    public required LatencyReport Latency { get; init; }

    /// <summary>What the traffic model produced, disorders included.</summary>
    public required TrafficCounts Traffic { get; init; }

    public required int Seed { get; init; }

    public required int BatchSize { get; init; }

    public required int Connections { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Stopped by Ctrl+C or SIGTERM before the duration ended.</summary>
    public required bool Interrupted { get; init; }
}
