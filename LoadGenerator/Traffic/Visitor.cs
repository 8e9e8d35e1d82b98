namespace Analytics.LoadGenerator.Traffic;

/// <summary>What the model remembers of one visitor between its events.</summary>
internal struct Visitor
{
    public const long NeverSeen = long.MinValue;

    public int Site;

    /// <summary>The latest event time among all of its events, held-back ones included; <see cref="NeverSeen"/> before the first.</summary>
    public long LastTimestamp;

    /// <summary>No event of the current session may lie earlier: this keeps it more than the session gap after the previous one.</summary>
    public long SessionFloor;

    /// <summary>Events left in the current run of events; 0 between sessions.</summary>
    public int Remaining;

    /// <summary>Events of the current run so far; the first is the landing page view.</summary>
    public int Step;

    public bool Converts;

    /// <summary>The URL of the page the visitor is on: where its clicks happen, and the referrer of its next page view.</summary>
    public string? PageUrl;
}
