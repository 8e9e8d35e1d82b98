using Analytics.Grains.Interfaces.Visitors;
using Analytics.Grains.Visitors;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Analytics.Testing;

namespace Analytics.UnitTests.Visitors;

/// <summary>
/// The salt grain and an API host's copy of its salt, on one fake clock: one salt per period, asked for once per host;
/// the grid's storage holds the current period's salt and the previous one, never an older one.
/// </summary>
public sealed class SaltRotationTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly DateTimeOffset Midnight = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Midnight + TimeSpan.FromHours(9));
    private readonly SaltStorage _storage = new();
    private readonly CountingGrain _grain;

    public SaltRotationTests() => _grain = new CountingGrain(new SaltGrain(_storage, _time));

    private VisitorSalts Host(TimeSpan? period = null, ISaltGrain? grain = null, TimeProvider? clock = null) => new(grain ?? _grain, clock ?? _time,
        Options.Create(new VisitorOptions { Cookieless = true, SaltPeriod = period ?? Day }), NullLogger<VisitorSalts>.Instance);

    private static SaltPeriod DayOf(DateTimeOffset time) => SaltPeriod.Containing(time, Day);

    private static string Visitor(byte[] salt) => CookielessVisitor.Of(salt, "shop.example.com", "203.0.113.7", UserAgents.DesktopChrome);

    [Fact]
    public void Periods_are_aligned_to_the_epoch()
    {
        Assert.Equal(new SaltPeriod(Midnight.ToUnixTimeMilliseconds(), (Midnight + Day).ToUnixTimeMilliseconds()), DayOf(Midnight + TimeSpan.FromHours(23.9)));
        Assert.Equal(DayOf(Midnight + Day), DayOf(Midnight + Day + TimeSpan.FromMilliseconds(1)));
        Assert.NotEqual(DayOf(Midnight + Day - TimeSpan.FromMilliseconds(1)), DayOf(Midnight + Day));
        Assert.Equal(Midnight + TimeSpan.FromHours(9), DateTimeOffset.FromUnixTimeMilliseconds(SaltPeriod.Containing(Midnight + TimeSpan.FromHours(9.5), TimeSpan.FromHours(1)).Start));
    }

    [Fact]
    public async Task Within_a_period_every_host_gets_one_salt_and_asks_the_grid_once()
    {
        var (first, second) = (Host(), Host());

        var salt = await first.CurrentAsync();
        _time.Advance(TimeSpan.FromHours(14.9));
        Assert.Equal(salt, await first.CurrentAsync());
        Assert.Equal(salt, await second.CurrentAsync());
        Assert.Equal(CookielessVisitor.SaltBytes, salt.Length);
        Assert.Equal(2, _grain.Asks);
        Assert.Equal([(DayOf(_time.GetUtcNow()), Convert.ToHexString(salt))], _storage.Saved);
    }

    [Fact]
    public async Task The_next_period_has_a_new_salt_so_the_same_browser_is_another_visitor()
    {
        var host = Host();
        var today = await host.CurrentAsync();

        _time.Advance(TimeSpan.FromHours(15));
        var tomorrow = await host.CurrentAsync();

        Assert.NotEqual(today, tomorrow);
        Assert.NotEqual(Visitor(today), Visitor(tomorrow));
        Assert.Equal(2, _grain.Asks);
    }

    [Fact]
    public async Task The_grid_keeps_the_current_and_the_previous_salt_and_deletes_older_ones()
    {
        var host = Host();
        var salts = new List<byte[]>();
        for (var day = 0; day < 4; day++)
        {
            salts.Add(await host.CurrentAsync());
            _time.Advance(Day);
        }

        var (previous, current) = (DayOf(Midnight + 2 * Day), DayOf(Midnight + 3 * Day));
        Assert.Equal([(previous, Convert.ToHexString(salts[2])), (current, Convert.ToHexString(salts[3]))], _storage.Saved);
        Assert.Equal([previous, current], _storage.State.Salts.Select(s => s.Period));
        // A host whose clock is still in the previous period gets that period's salt; an older period's is gone.
        Assert.Equal(salts[2], await _grain.GetSalt(previous));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _grain.GetSalt(DayOf(Midnight + Day)));
        Assert.Equal([previous, current], _storage.Saved.Select(s => s.Period));
    }

    [Fact]
    public async Task A_host_whose_clock_runs_ahead_deletes_no_salt_the_others_use()
    {
        var salt = await Host().CurrentAsync();
        _time.SetUtcNow(Midnight + Day - SaltGrain.MaxClockSkew);
        var ahead = Host(clock: new FakeTimeProvider(Midnight + 2 * Day));
        var justAhead = Host(clock: new FakeTimeProvider(Midnight + Day));

        await Assert.ThrowsAsync<InvalidOperationException>(ahead.CurrentAsync);
        var tomorrow = await justAhead.CurrentAsync();

        Assert.Equal(salt, await Host().CurrentAsync());
        Assert.Equal([(DayOf(Midnight), Convert.ToHexString(salt)), (DayOf(Midnight + Day), Convert.ToHexString(tomorrow))], _storage.Saved);
    }

    [Fact]
    public async Task A_salt_that_could_not_be_saved_is_never_handed_out()
    {
        var host = Host();
        _storage.FailWrites = true;

        await Assert.ThrowsAsync<TimeoutException>(host.CurrentAsync);
        Assert.Empty(_storage.State.Salts);

        _storage.FailWrites = false;
        var salt = await host.CurrentAsync();
        Assert.Equal([(DayOf(_time.GetUtcNow()), Convert.ToHexString(salt))], _storage.Saved);
    }

    [Fact]
    public async Task A_grid_that_does_not_answer_fails_the_ask_after_the_timeout_and_the_next_request_asks_again()
    {
        var silent = new SilentGrain();
        var host = Host(grain: silent);

        var ask = host.CurrentAsync();
        _time.Advance(VisitorSalts.Timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(ask.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<TimeoutException>(() => ask);

        silent.Answer = _grain;
        Assert.Equal(await _grain.GetSalt(DayOf(_time.GetUtcNow())), await host.CurrentAsync());
    }

    [Fact]
    public async Task After_a_change_to_a_shorter_salt_period_the_longer_ones_salt_goes_with_the_second_new_period_after_it()
    {
        var hour = TimeSpan.FromHours(1);
        var day = DayOf(_time.GetUtcNow());
        await Host().CurrentAsync();
        var hourly = Host(hour);

        await hourly.CurrentAsync();
        _time.Advance(hour);
        await hourly.CurrentAsync();
        Assert.Equal(3, _storage.Saved.Count);
        // At midnight the day is the period just before the newest hour: kept as the previous one, the other hours go.
        _time.Advance(TimeSpan.FromHours(14));
        await hourly.CurrentAsync();
        Assert.Equal([day, SaltPeriod.Containing(_time.GetUtcNow(), hour)], _storage.Saved.Select(s => s.Period));
        _time.Advance(hour);
        await hourly.CurrentAsync();
        Assert.Equal([SaltPeriod.Containing(_time.GetUtcNow() - hour, hour), SaltPeriod.Containing(_time.GetUtcNow(), hour)], _storage.Saved.Select(s => s.Period));
    }

    [Fact]
    public void The_salt_period_is_between_an_hour_and_31_days()
    {
        Assert.Empty(new VisitorOptions().Problems());
        Assert.Empty(new VisitorOptions { SaltPeriod = TimeSpan.FromHours(1) }.Problems());
        Assert.Empty(new VisitorOptions { SaltPeriod = TimeSpan.FromDays(31) }.Problems());
        Assert.StartsWith("Visitors:SaltPeriod", Assert.Single(new VisitorOptions { SaltPeriod = TimeSpan.FromMinutes(59) }.Problems()));
        Assert.StartsWith("Visitors:SaltPeriod", Assert.Single(new VisitorOptions { SaltPeriod = TimeSpan.FromDays(32) }.Problems()));
        Assert.StartsWith("Visitors:SaltPeriod", Assert.Single(new VisitorOptions { SaltPeriod = TimeSpan.Zero }.Problems()));
    }

    /// <summary>The grain, counting the asks that reach it.</summary>
    private sealed class CountingGrain(ISaltGrain grain) : ISaltGrain
    {
        public int Asks { get; private set; }

        public Task<byte[]> GetSalt(SaltPeriod period)
        {
            Asks++;
            return grain.GetSalt(period);
        }
    }

    /// <summary>A grain that never answers, until it is given one that does.</summary>
    private sealed class SilentGrain : ISaltGrain
    {
        public ISaltGrain? Answer { get; set; }

        public Task<byte[]> GetSalt(SaltPeriod period) => Answer?.GetSalt(period) ?? new TaskCompletionSource<byte[]>().Task;
    }
}
