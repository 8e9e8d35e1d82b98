using Analytics.Grains.Interfaces.Events;

namespace Analytics.Enrichment.UserAgents;

/// <summary>The bounds every regex over a user agent runs within, here and in bot detection.</summary>
public static class UserAgentText
{
    /// <summary>The contract's bound on <c>userAgent</c> (METRICS.md §1); longer strings are cut before any regex sees them.</summary>
    public const int MaxLength = EventRules.UserAgentMaxLength;

    /// <summary>
    /// What one regex may take on one user agent: the bound on what a hostile string can cost (the first timeout ends
    /// the parse). uap-core bounds its own repetitions, so a real match takes microseconds; the bound is generous
    /// because on a loaded machine a thread paused mid-match must not turn a real browser into <c>(none)</c>
    /// (100 ms did, on two cores at a load of 17).
    /// </summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>The user agent as regexes and caches see it: at most <see cref="MaxLength"/> characters.</summary>
    public static string Bounded(string userAgent) => userAgent.Length > MaxLength ? userAgent[..MaxLength] : userAgent;
}
