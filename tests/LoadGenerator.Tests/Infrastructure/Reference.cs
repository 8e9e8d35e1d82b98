using Analytics.Grains.Interfaces.Events;

namespace Analytics.LoadGenerator.Tests.Infrastructure;

/// <summary>Plain computations over an event log, as METRICS.md §6 asks: loops over lists, nothing else.</summary>
public static class Reference
{
    /// <summary>Each visitor's sessions by the contract's gap rule, duplicates (a repeated id) left out.</summary>
    public static List<List<AnalyticsEvent>> Sessions(IEnumerable<AnalyticsEvent> log, TimeSpan sessionGap)
    {
        var gap = (long)sessionGap.TotalMilliseconds;
        var seen = new HashSet<string>();
        var sessions = new List<List<AnalyticsEvent>>();
        foreach (var visitor in log.Where(e => seen.Add(e.Id)).GroupBy(e => (e.Site, e.Visitor)))
        {
            List<AnalyticsEvent>? current = null;
            foreach (var e in visitor.OrderBy(e => e.Timestamp))
            {
                if (current is null || e.Timestamp - current[^1].Timestamp > gap)
                {
                    current = [];
                    sessions.Add(current);
                }
                current.Add(e);
            }
        }
        return sessions;
    }
}
