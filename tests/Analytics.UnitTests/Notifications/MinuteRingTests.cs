using Analytics.Grains.Notifications;

namespace Analytics.UnitTests.Notifications;

public sealed class MinuteRingTests
{
    private const long Minute = MinuteRing.Minute;
    private const long Start = 1_772_445_600_000;

    [Fact]
    public void A_minute_is_known_for_a_week_and_an_hour_and_minutes_skipped_over_are_unknown()
    {
        var ring = new MinuteRing(new NotificationState());
        ring.Set(Start, 7);
        ring.Set(Start + Minute, 0);
        ring.Set(Start + 10 * Minute, 3);

        Assert.Equal(7, ring.Get(Start));
        Assert.Equal(0, ring.Get(Start + Minute));
        Assert.Null(ring.Get(Start + 5 * Minute));
        Assert.Null(ring.Get(Start + 11 * Minute));

        ring.Set(Start + (MinuteRing.Length - 1) * Minute, 1);
        Assert.Equal(7, ring.Get(Start));
        ring.Set(Start + MinuteRing.Length * Minute, 1);
        Assert.Null(ring.Get(Start));
        Assert.Equal(0, ring.Get(Start + Minute));
    }

    [Fact]
    public void A_jump_of_more_than_the_ring_forgets_everything_before_it()
    {
        var ring = new MinuteRing(new NotificationState());
        ring.Set(Start, 7);
        ring.Set(Start + 3 * MinuteRing.Length * Minute + 2 * Minute, 5);

        Assert.Null(ring.Get(Start + 3 * MinuteRing.Length * Minute));
        Assert.Equal(5, ring.Get(Start + 3 * MinuteRing.Length * Minute + 2 * Minute));
    }
}
