namespace Analytics.Grains.Notifications;

/// <summary>
/// Page views per minute for the last week and an hour, in one array of ints over the saved state: the slot of a
/// minute is its number modulo the length, so "the same minute a week earlier" is always at hand, and the state
/// stays 40 KB however busy the site. Pure logic, no Orleans.
/// </summary>
internal sealed class MinuteRing(NotificationState state)
{
    public const int Length = 7 * 24 * 60 + 60;
    public const long Minute = 60_000;
    private const int Unknown = -1;

    public long NewestMinute => state.NewestMinute;

    public void Set(long minute, long count)
    {
        if (state.Minutes.Length != Length)
        {
            state.Minutes = new int[Length];
            Array.Fill(state.Minutes, Unknown);
        }
        if (state.NewestMinute != long.MinValue && minute <= state.NewestMinute - Length * Minute) return;
        if (minute > state.NewestMinute)
        {
            // Minutes skipped over (the reducer was not running) are unknown, not whatever a lap earlier left there.
            var from = state.NewestMinute == long.MinValue ? minute : Math.Max(state.NewestMinute + Minute, minute - (Length - 1) * Minute);
            for (var m = from; m < minute; m += Minute) state.Minutes[Slot(m)] = Unknown;
            state.NewestMinute = minute;
        }
        state.Minutes[Slot(minute)] = (int)Math.Min(count, int.MaxValue);
    }

    /// <summary>The minute's page views, or null when the ring does not know them.</summary>
    public long? Get(long minute)
    {
        if (state.NewestMinute == long.MinValue || minute > state.NewestMinute || minute <= state.NewestMinute - Length * Minute) return null;
        var count = state.Minutes[Slot(minute)];
        return count == Unknown ? null : count;
    }

    private static int Slot(long minute) => (int)(((minute / Minute % Length) + Length) % Length);
}
