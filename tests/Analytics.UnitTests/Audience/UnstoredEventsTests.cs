using System.IO.Hashing;
using System.Runtime.InteropServices;
using Analytics.Grains.Audience;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Shards;

namespace Analytics.UnitTests.Audience;

/// <summary>
/// When a counted event goes to the event store, and with which session: only once nothing still to come can give its
/// session an earlier first event, and then with the session's start and its first event's dimensions.
/// </summary>
public sealed class UnstoredEventsTests
{
    private const long Gap = 30 * 60_000;
    private const long T = 1_800_000_000_000;
    private static readonly Dimensions FromGoogle = new("Google", "(none)", "(none)", "(none)", "Chrome", "Windows", "desktop", "DE");
    private static readonly Dimensions FromBing = new("Bing", "(none)", "(none)", "(none)", "Chrome", "Windows", "desktop", "DE");
    private static readonly Dimensions Direct = FromGoogle with { Source = Dimensions.DirectNone };

    private readonly ShardState _state = new();
    private readonly ShardWindows _windows;

    public UnstoredEventsTests() => _windows = new ShardWindows(_state, Gap);

    private void Count(string id, long time, Dimensions dimensions, string visitor = "v")
    {
        var e = new AnalyticsEvent(id, EventType.PageView, "a.com", visitor, time, "https://a.com/", "/", null, null, null, 0) { Dimensions = dimensions };
        _windows.Apply(e);
        _state.Unstored.Add(e);
    }

    [Fact]
    public void An_event_waits_while_its_session_could_still_start_earlier()
    {
        Count("b", T + 1_000, FromBing);

        Assert.Empty(UnstoredEvents.TakeSettled(_state, _windows, lateBefore: T + 1_000));
        Assert.Single(_state.Unstored);
    }

    [Fact]
    public void A_first_event_that_arrives_second_gives_the_session_its_start_and_dimensions()
    {
        Count("b", T + 1_000, FromBing);
        UnstoredEvents.TakeSettled(_state, _windows, lateBefore: T + 1_000);
        Count("a", T, FromGoogle);

        var stored = UnstoredEvents.TakeSettled(_state, _windows, lateBefore: T + 1);

        Assert.Equal(["a", "b"], stored.Select(e => e.Id).Order());
        Assert.All(stored, e => Assert.Equal((T, FromGoogle), (e.SessionId, e.Dimensions)));
        Assert.Empty(_state.Unstored);
    }

    [Fact]
    public void A_later_event_goes_with_the_dimensions_of_a_first_event_stored_long_before()
    {
        Count("a", T, FromGoogle);
        UnstoredEvents.TakeSettled(_state, _windows, lateBefore: T + 1);
        Count("b", T + 20 * 60_000, Direct);

        var stored = Assert.Single(UnstoredEvents.TakeSettled(_state, _windows, lateBefore: T + 20 * 60_000));

        Assert.Equal(("b", T, FromGoogle), (stored.Id, stored.SessionId, stored.Dimensions));
    }

    [Fact]
    public void After_a_gap_longer_than_the_session_gap_a_new_session_starts_with_its_own_dimensions()
    {
        Count("a", T, FromGoogle);
        Count("b", T + Gap + 1, FromBing);

        var stored = UnstoredEvents.TakeSettled(_state, _windows, lateBefore: T + Gap + 2).ToDictionary(e => e.Id);

        Assert.Equal((T, FromGoogle), (stored["a"].SessionId, stored["a"].Dimensions));
        Assert.Equal((T + Gap + 1, FromBing), (stored["b"].SessionId, stored["b"].Dimensions));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Of_two_events_in_the_same_millisecond_the_one_whose_id_hashes_lower_is_first_whatever_their_order(bool reversed)
    {
        var (low, high) = Hash("x") < Hash("y") ? ("x", "y") : ("y", "x");
        var arrivals = new[] { (low, FromGoogle), (high, FromBing) };
        foreach (var (id, dimensions) in reversed ? arrivals.Reverse() : arrivals) Count(id, T, dimensions);

        var stored = UnstoredEvents.TakeSettled(_state, _windows, lateBefore: T + 1);

        Assert.All(stored, e => Assert.Equal(FromGoogle, e.Dimensions));
    }

    [Fact]
    public void Nothing_goes_before_the_shard_has_a_watermark()
    {
        Count("a", T, FromGoogle);

        Assert.Empty(UnstoredEvents.TakeSettled(_state, _windows, lateBefore: long.MinValue));
    }

    private static ulong Hash(string id) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));
}
