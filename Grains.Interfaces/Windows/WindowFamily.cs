namespace Analytics.Grains.Interfaces.Windows;

/// <summary>
/// The kinds of window the grid keeps (METRICS.md §3). Every metric is read off one family:
/// page views off <see cref="PageViews"/> (or <see cref="PageViewsOfPage"/>), active users off
/// <see cref="ActiveUsers"/>, the conversion rate off <see cref="Conversions"/>, and session
/// duration, session count and bounce rate off <see cref="Sessions"/>.
/// </summary>
public enum WindowFamily : byte
{
    /// <summary>Tumbling 1 s: page_view count (A), count of all counted events (B).</summary>
    PageViews = 1,

    /// <summary>Tumbling 1 s per page: page_view count (A).</summary>
    PageViewsOfPage = 2,

    /// <summary>Tumbling 5 s: distinct visitors with any event (A).</summary>
    ActiveUsers = 3,

    /// <summary>Sliding 60 s every 5 s: distinct visitors (A), of whom converted (B).</summary>
    Conversions = 4,

    /// <summary>Tumbling 60 s by session end: sessions (A), their total duration in ms (B), bounces (C).</summary>
    Sessions = 5,
}

public static class WindowShapes
{
    public const long Second = 1000;
    public const long ActiveUsersSize = 5_000;
    public const long ConversionSize = 60_000;
    public const long ConversionSlide = 5_000;
    public const long SessionsSize = 60_000;
    public const long TopPagesSize = 60_000;

    public static long Size(this WindowFamily family) => family switch
    {
        WindowFamily.PageViews or WindowFamily.PageViewsOfPage => Second,
        WindowFamily.ActiveUsers => ActiveUsersSize,
        WindowFamily.Conversions => ConversionSize,
        WindowFamily.Sessions => SessionsSize,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    /// <summary>
    /// The event time past which no event can change a window of this family any more: its end, and for
    /// windows by session end, its end plus the session gap (a session ending in it may still be extended
    /// until then). A window is final once the final watermark passes this plus the allowed lateness.
    /// </summary>
    public static long ClosesAt(this WindowFamily family, long start, long sessionGapMs) =>
        start + family.Size() + (family == WindowFamily.Sessions ? sessionGapMs : 0);

    /// <summary>The start of the window of <paramref name="size"/> holding <paramref name="time"/>, aligned to the epoch.</summary>
    public static long Floor(long time, long size) => time - (((time % size) + size) % size);
}
