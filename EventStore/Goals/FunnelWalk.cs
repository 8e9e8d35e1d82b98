using System.Data.Common;

namespace Analytics.EventStore.Goals;

/// <summary>
/// The funnel rule (<see cref="Analytics.Grains.Interfaces.Goals.FunnelDefinition"/>) over the rows of
/// <see cref="Sql.RangeQuery.Funnel"/>: (vid, session, step mask) ordered by visitor, session, event time and id. In each
/// session a visitor at step k − 1 moves to k on an event of step k's goal, one step per event at most; a visitor
/// counts for every step up to the furthest any of their sessions reached. Rows come grouped by visitor, so one pass
/// with one visitor's state at a time does it.
/// </summary>
internal static class FunnelWalk
{
    public static async Task<long[]> CountAsync(DbDataReader rows, int steps, CancellationToken cancellation)
    {
        var reached = new long[steps];
        object? visitor = null;
        long session = 0;
        int step = 0, furthest = 0;
        while (await rows.ReadAsync(cancellation))
        {
            var vid = rows.GetValue(0);
            var s = rows.GetInt64(1);
            if (!vid.Equals(visitor))
            {
                Count(reached, Math.Max(furthest, step));
                (visitor, session, step, furthest) = (vid, s, 0, 0);
            }
            else if (s != session)
            {
                (session, step, furthest) = (s, 0, Math.Max(furthest, step));
            }
            if (step < steps && (Convert.ToInt32(rows.GetValue(2)) & (1 << step)) != 0) step++;
        }
        Count(reached, Math.Max(furthest, step));
        return reached;
    }

    private static void Count(long[] reached, int furthest)
    {
        for (var k = 0; k < furthest; k++) reached[k]++;
    }
}
