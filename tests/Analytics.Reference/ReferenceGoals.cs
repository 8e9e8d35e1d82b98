using System.Text.RegularExpressions;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Goals;

namespace Analytics.Reference;

/// <summary>
/// Goals and funnels (METRICS.md §5) computed the plain way over the events and sessions of a
/// <see cref="ReferenceBreakdown"/>, with its filters. A page pattern is matched by a regular expression built here
/// (anchored, case-sensitive, <c>*</c> any run of characters); it shares no code with the event store.
/// </summary>
public sealed class ReferenceGoals(ReferenceBreakdown log)
{
    /// <summary>Distinct visitors with a matching event, matching events, and the sum of their values (absent: 0).</summary>
    public GoalTotals Goal(string site, GoalDefinition goal, long from, long to, IReadOnlyList<(string Dimension, string Value)> filters)
    {
        var matched = log.Matching(site, from, to, filters).Select(m => m.Event).Where(e => Matches(goal, e)).ToList();
        return new(matched.Select(e => (e.Site, e.Visitor)).Distinct().LongCount(), matched.Count, matched.Sum(e => e.Value ?? 0));
    }

    /// <summary>
    /// Per step, the visitors who reached it: each session's matching events walked in time order (ties by id, ordinal),
    /// one step per event at most; a visitor counts for each step up to the furthest any of their sessions reached.
    /// </summary>
    public long[] Funnel(string site, IReadOnlyList<GoalDefinition> steps, long from, long to, IReadOnlyList<(string Dimension, string Value)> filters)
    {
        var furthest = new Dictionary<(string Site, string Visitor), int>();
        foreach (var session in log.Matching(site, from, to, filters).GroupBy(m => m.Session, m => m.Event))
        {
            var reached = 0;
            foreach (var e in session.OrderBy(e => e.Timestamp).ThenBy(e => e.Id, StringComparer.Ordinal))
            {
                if (reached < steps.Count && Matches(steps[reached], e)) reached++;
            }
            var visitor = (session.First().Site, session.First().Visitor);
            furthest[visitor] = Math.Max(furthest.GetValueOrDefault(visitor), reached);
        }
        return [.. Enumerable.Range(1, steps.Count).Select(k => furthest.Values.LongCount(f => f >= k))];
    }

    private static bool Matches(GoalDefinition goal, AudienceEvent e)
    {
        if (goal.Page is { } pattern) return e.Type == EventType.PageView && e.Page is not null && Pattern(pattern).IsMatch(e.Page);
        if (goal.Event is { } name)
        {
            return e.Type == EventType.Custom && e.Name == name
                && (goal.Props ?? new Dictionary<string, string>()).All(p => e.Props is not null && e.Props.TryGetValue(p.Key, out var v) && v == p.Value);
        }
        return e.Type == EventType.Conversion;
    }

    private static Regex Pattern(string pattern) =>
        new(@"\A" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + @"\z", RegexOptions.Singleline | RegexOptions.CultureInvariant);
}
