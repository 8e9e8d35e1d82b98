using Analytics.Grains.Interfaces.Goals;
using Analytics.Grains.Interfaces.Audience;
using System.Data.Common;

namespace Analytics.EventStore.Sql;

internal static class Rows
{
    /// <summary>A row of <see cref="RangeQuery.Breakdown"/>: dim, visitors, pageviews, bounce_rate, visit_duration.</summary>
    public static BreakdownRow Breakdown(DbDataReader reader) => new(
        reader.GetString(0),
        Convert.ToInt64(reader.GetValue(1)),
        Convert.ToInt64(reader.GetValue(2)),
        reader.GetDouble(3),
        reader.GetDouble(4));

    /// <summary>The row of <see cref="RangeQuery.Goal"/>: visitors, conversions, revenue.</summary>
    public static GoalTotals Goal(DbDataReader reader) => new(
        Convert.ToInt64(reader.GetValue(0)),
        Convert.ToInt64(reader.GetValue(1)),
        Convert.ToDouble(reader.GetValue(2)));
}
