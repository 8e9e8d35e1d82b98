using Analytics.Grains.Interfaces.Events;
using Analytics.LoadGenerator.Tests.Infrastructure;
using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Tests.Traffic;

public class SessionTests
{
    // A short gap lets visitors come back within a log of a few thousand seconds of event time.
    private static readonly TrafficProfile ShortGap = new()
    {
        Visitors = 3_000,
        ThinkTimeMax = TimeSpan.FromSeconds(60),
        SessionGap = TimeSpan.FromMinutes(5),
        ReturnGapMin = TimeSpan.FromMinutes(6),
        ReturnGapMax = TimeSpan.FromMinutes(30),
        ReturningShare = 0.6,
        DuplicateShare = 0.02,
    };

    [Fact]
    public void Between_two_and_five_percent_of_sessions_convert()
    {
        var profile = new TrafficProfile { Seed = 7 };
        var sessions = Reference.Sessions(Logs.Of(profile, 100_000), profile.SessionGap);

        var converting = sessions.Count(s => s.Any(e => e.Type == EventType.Conversion));
        Assert.True(sessions.Count > 15_000, $"only {sessions.Count} sessions");
        Assert.InRange((double)converting / sessions.Count, 0.02, 0.05);
    }

    [Fact]
    public void Visitors_return_after_the_gap_and_their_sessions_split_there()
    {
        var generator = new TrafficGenerator(ShortGap);
        var log = generator.Take(60_000, Logs.Start, 20);

        var sessions = Reference.Sessions(log, ShortGap.SessionGap);
        var returning = sessions.GroupBy(s => (s[0].Site, s[0].Visitor)).Count(v => v.Count() > 1);
        Assert.True(returning > 500, $"only {returning} visitors came back");
        // The model's own sessions are exactly those the gap rule finds: no session splits inside, none merges with the next.
        Assert.Equal(generator.Counts.Sessions, sessions.Count);
    }

    [Fact]
    public void A_pool_too_small_for_the_rate_still_splits_sessions_only_at_the_gap()
    {
        var profile = ShortGap with { Visitors = 25 };
        var generator = new TrafficGenerator(profile);
        var log = generator.Take(20_000, Logs.Start, 20);

        Assert.Equal(25, log.Select(e => e.Visitor).Distinct().Count());
        Assert.Equal(generator.Counts.Sessions, Reference.Sessions(log, profile.SessionGap).Count);
    }

    [Fact]
    public void A_session_opens_with_a_page_view_and_some_sessions_bounce()
    {
        var profile = new TrafficProfile { OutOfOrderShare = 0 };
        var sessions = Reference.Sessions(Logs.Of(profile, 50_000), profile.SessionGap);

        Assert.All(sessions, s => Assert.Equal(EventType.PageView, s[0].Type));
        var bounces = sessions.Count(s => s is [{ Type: EventType.PageView }]);
        // Geometric session length with mean 5: a fifth of sessions have one event, fewer once the log's end cuts some short.
        Assert.InRange((double)bounces / sessions.Count, 0.15, 0.30);
    }
}
