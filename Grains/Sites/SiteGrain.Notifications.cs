using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Notifications;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Grains.Notifications;

namespace Analytics.Grains.Sites;

internal sealed partial class SiteGrain
{
    // At most this much is handed over at once: what the reducer keeps final (Grid:FinalRetention is at least an hour).
    private const long TrafficHandOverMs = 3_600_000;

    private long _visitorsHandedTo = long.MinValue;
    private long _minutesHandedTo = long.MinValue;

    /// <summary>
    /// Hands the site's notification grain the windows that became final: active users per 5 s, and page views per
    /// complete minute (0 for a minute without any, so a drop to nothing is seen). Called at each finalize, it calls
    /// out at most once per 5 s window, one-way; the per-event path is untouched. After a restart the last hour is
    /// handed over again, and the notification grain judges only what it has not judged.
    /// </summary>
    private void HandOverTraffic()
    {
        if (Site == SiteName.All || _finalizedTo == long.MinValue) return;
        // Windows ending at or before this are final (EventTimeRules.IsFinal).
        var closed = _finalizedTo - _watermarks.Rules.AllowedLatenessMs;
        var visitorsTo = WindowShapes.Floor(closed, WindowShapes.ActiveUsersSize);
        if (visitorsTo <= _visitorsHandedTo) return;
        var visitorsFrom = Math.Max(_visitorsHandedTo, visitorsTo - TrafficHandOverMs);
        var visitors = _final.Query(WindowFamily.ActiveUsers, visitorsFrom, visitorsTo).Select(w => new WindowCount(w.Start, w.Value.A)).ToArray();

        var minutesTo = WindowShapes.Floor(closed, MinuteRing.Minute);
        var minutesFrom = Math.Max(_minutesHandedTo, minutesTo - TrafficHandOverMs);
        var views = _final.Query(WindowFamily.PageViews, minutesFrom, minutesTo)
            .GroupBy(w => WindowShapes.Floor(w.Start, MinuteRing.Minute))
            .ToDictionary(g => g.Key, g => g.Sum(w => w.Value.A));
        var minutes = new List<WindowCount>();
        for (var minute = minutesFrom; minute < minutesTo; minute += MinuteRing.Minute) minutes.Add(new WindowCount(minute, views.GetValueOrDefault(minute)));

        _visitorsHandedTo = visitorsTo;
        _minutesHandedTo = Math.Max(_minutesHandedTo, minutesTo);
        if (visitors.Length == 0 && minutes.Count == 0) return;
        GrainFactory.GetGrain<INotificationGrain>(Site).Observe(new TrafficUpdate(visitors, [.. minutes])).Ignore();
    }
}
