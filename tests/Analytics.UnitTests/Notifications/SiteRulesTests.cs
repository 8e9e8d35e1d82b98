using System.Text.Json.Nodes;
using Analytics.Grains.Interfaces.Notifications;
using Analytics.Grains.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.UnitTests.Notifications;

/// <summary>The rules of traffic notifications on a fake clock: what fires, on which window, and the hour of quiet after a notice.</summary>
public sealed class SiteRulesTests
{
    private const long Minute = 60_000;
    private const string Site = "shop.example.com";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-02T10:00:00Z"));
    private readonly NotificationState _state = new();
    private readonly SiteRules _rules;

    public SiteRulesTests()
    {
        _rules = new SiteRules(_state, Site, maxRules: 3);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds() / Minute * Minute;

    [Fact]
    public void A_spike_of_visitors_is_noticed_once_then_the_rule_keeps_quiet_for_an_hour_from_its_notice()
    {
        Put("spike", RuleKind.VisitorsAbove, 10);
        var start = Now;

        var first = Visitors(start, 5, 11, 30);
        _time.Advance(TimeSpan.FromMinutes(59));
        var withinTheHour = Visitors(Now, 40);
        _time.Advance(TimeSpan.FromMinutes(1));
        var anHourLater = Visitors(Now, 12);

        var notice = Assert.Single(first);
        var body = JsonNode.Parse(notice.Body)!;
        Assert.Equal(("spike", "visitors_above", 11L, 10.0), ((string)body["rule"]!, (string)body["kind"]!, (long)body["value"]!, (double)body["threshold"]!));
        Assert.Equal(start - 60 * Minute + 5_000, (long)body["windowStart"]!);
        Assert.Empty(withinTheHour);
        Assert.Single(anHourLater);
    }

    [Fact]
    public void Page_views_below_a_factor_of_the_same_minute_a_week_earlier_are_noticed()
    {
        Put("drop", RuleKind.PageViewsPerMinuteBelow, 0.5);
        var now = Now;
        _rules.Observe(Minutes(now - SiteRules.WeekMs, 100, 100, 100), _time.GetUtcNow());

        Assert.Empty(_rules.Observe(Minutes(now, 50), _time.GetUtcNow()));
        var notice = Assert.Single(_rules.Observe(Minutes(now + Minute, 49), _time.GetUtcNow()));

        var body = JsonNode.Parse(notice.Body)!;
        Assert.Equal((49L, 50.0, 0.5, 100L), ((long)body["value"]!, (double)body["threshold"]!, (double)body["factor"]!, (long)body["lastWeek"]!));
        Assert.Empty(_rules.Observe(Minutes(now + 2 * Minute, 0), _time.GetUtcNow()));
    }

    [Fact]
    public void Page_views_above_a_factor_of_last_week_are_noticed_and_an_unknown_or_empty_last_week_compares_with_nothing()
    {
        Put("surge", RuleKind.PageViewsPerMinuteAbove, 3);
        var now = Now;
        _rules.Observe(Minutes(now - SiteRules.WeekMs + Minute, 0, 10), _time.GetUtcNow());

        Assert.Empty(_rules.Observe(Minutes(now, 1_000), _time.GetUtcNow()));
        Assert.Empty(_rules.Observe(Minutes(now + Minute, 1_000), _time.GetUtcNow()));
        Assert.Single(_rules.Observe(Minutes(now + 2 * Minute, 31), _time.GetUtcNow()));
    }

    [Fact]
    public void Windows_handed_over_again_are_not_judged_again()
    {
        Put("spike", RuleKind.VisitorsAbove, 10);
        var update = new TrafficUpdate([new WindowCount(Now, 20)], []);
        Assert.Single(_rules.Observe(update, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromHours(2));

        Assert.Empty(_rules.Observe(update, _time.GetUtcNow()));
    }

    [Fact]
    public void Changing_a_rule_ends_its_quiet_hour_and_keeps_its_secret_unless_given_a_new_one()
    {
        var created = Put("spike", RuleKind.VisitorsAbove, 10);
        Assert.Single(Visitors(Now, 20));

        var replaced = _rules.Put(new NotificationRule("spike", "https://hooks.example.com/a", RuleKind.VisitorsAbove, 15), () => "unused");

        Assert.Equal(RulePutOutcome.Replaced, replaced.Outcome);
        Assert.Null(replaced.Rule!.Secret);
        Assert.Equal(created.Rule!.Secret, _state.Rules["spike"].Rule.Secret);
        Assert.Single(Visitors(Now + 5_000, 20));
    }

    [Fact]
    public void A_site_holds_a_bounded_number_of_rules_and_keeps_the_latest_deliveries()
    {
        foreach (var name in new[] { "a", "b", "c" }) Put(name, RuleKind.VisitorsAbove, 1);

        Assert.Equal(RulePutOutcome.TooMany, _rules.Put(new NotificationRule("d", "https://x.example.com", RuleKind.VisitorsAbove, 1), () => "s").Outcome);
        Assert.Equal(RulePutOutcome.Replaced, Put("c", RuleKind.VisitorsAbove, 2).Outcome);
        for (var i = 0; i < SiteRules.KeptDeliveries + 5; i++) _rules.Record("a", new DeliveryRecord($"d{i}", i, 1, 200, null, true));
        var kept = _rules.Deliveries("a")!;
        Assert.Equal(SiteRules.KeptDeliveries, kept.Length);
        Assert.Equal($"d{SiteRules.KeptDeliveries + 4}", kept[0].Id);
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_body_with_the_rules_secret()
    {
        Put("spike", RuleKind.VisitorsAbove, 10);
        var notice = Assert.Single(Visitors(Now, 20));

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("0123456789abcdef-secret"u8.ToArray(), notice.Body));
        Assert.Equal($"sha256={expected}", notice.Signature);
    }

    private RulePut Put(string name, RuleKind kind, double limit) =>
        _rules.Put(new NotificationRule(name, "https://hooks.example.com/notify", kind, limit, "0123456789abcdef-secret"), () => "generated");

    private List<Notice> Visitors(long from, params long[] counts) =>
        _rules.Observe(new TrafficUpdate([.. counts.Select((c, i) => new WindowCount(from - 60 * Minute + i * 5_000, c))], []), _time.GetUtcNow());

    private static TrafficUpdate Minutes(long from, params long[] counts) =>
        new([], [.. counts.Select((c, i) => new WindowCount(from + i * Minute, c))]);
}
