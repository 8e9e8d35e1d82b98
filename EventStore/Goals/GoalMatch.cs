using System.Text;
using Analytics.EventStore.Sql;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Goals;

namespace Analytics.EventStore.Goals;

/// <summary>The SQL condition an event meets when it matches a goal (METRICS.md §5), the same for every store.</summary>
internal static class GoalMatch
{
    private const char Escape = '\\';

    /// <summary>
    /// The goal as a condition on an events row; values go through <paramref name="parameter"/>. A page goal: a page view
    /// whose page is LIKE the pattern; an event goal: a custom event of that name holding every prop; purchase: a conversion.
    /// </summary>
    public static string Condition(GoalDefinition goal, SqlDialect dialect, Func<object, string> parameter)
    {
        if (goal.Page is { } page)
            return $"(type = {(int)EventType.PageView} AND page LIKE {parameter(Like(page))} ESCAPE '{Escape}')";
        if (goal.Event is { } name)
        {
            var props = (goal.Props ?? new Dictionary<string, string>())
                .Select(p => $" AND {dialect.Prop(parameter(p.Key))} = {parameter(p.Value)}");
            return $"(type = {(int)EventType.Custom} AND name = {parameter(name)}{string.Concat(props)})";
        }
        return $"type = {(int)EventType.Conversion}";
    }

    /// <summary>
    /// A page pattern as a LIKE pattern: <c>*</c> is any run of characters, every other character stands for itself, so
    /// LIKE's own wildcards <c>%</c> and <c>_</c> and the escape character are escaped. LIKE is anchored and case-sensitive.
    /// </summary>
    public static string Like(string pattern)
    {
        var like = new StringBuilder(pattern.Length + 8);
        foreach (var c in pattern)
        {
            if (c == '*') like.Append('%');
            else if (c is '%' or '_' or Escape) like.Append(Escape).Append(c);
            else like.Append(c);
        }
        return like.ToString();
    }
}
