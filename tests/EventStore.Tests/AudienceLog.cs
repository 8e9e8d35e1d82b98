using Analytics.EventStore;
using Analytics.Grains.Interfaces.Events;
using Analytics.Reference;

namespace Analytics.EventStore.Tests;

/// <summary>
/// A generated log: several sites (event ids repeat across sites), visitors with sessions split by more than the
/// gap, events up to 29 minutes apart inside a session, campaigns, devices, props, clicks before the first page view,
/// events without a page; for goals, pages whose names hold LIKE's <c>%</c> and <c>_</c> or differ in case only, custom
/// events of several names (and clicks with a name, which no event goal matches), conversions with and without a value.
/// Each event carries its own dimensions for the reference; <see cref="Stored"/> is what a
/// shard writes: the session's first event's dimensions stamped on each event, the session id its start time.
/// </summary>
public sealed class AudienceLog
{
    public const long SessionGapMs = 30 * 60_000;
    public const long Start = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    public static readonly string[] Sites = ["a.example", "b.example", "c.example", "d.example"];
    public static readonly string[] Pages =
        ["/", "/pricing", "/docs", "/docs/start", "/blog/a", "/blog/b", "/signup", "/about",
         "/pricing/team", "/Pricing", "/sale_2026", "/sale-2026", "/50%off", "/50off"];

    private static readonly string[] Sources = ["Google", "Direct / None", "Bing", "news.ycombinator.com", "Facebook"];
    private static readonly string[] Campaigns = ["spring", "launch", "(none)", "(none)"];
    private static readonly string[] Mediums = ["cpc", "email", "(none)"];
    private static readonly string[] Devices = ["desktop", "mobile", "tablet"];
    private static readonly string[] Browsers = ["Chrome", "Firefox", "Mobile Safari", "(none)"];
    private static readonly string[] Systems = ["Windows", "iOS", "Mac OS X", "Android"];
    private static readonly string[] Countries = ["DE", "US", "FR", "(none)"];
    private static readonly string[] Plans = ["pro", "free", "team"];
    private static readonly string[] Names = ["signup", "signup", "download", "Signup"];

    public List<AudienceEvent> Events { get; } = [];

    public List<StoredEvent> Stored { get; } = [];

    public static AudienceLog Generate(int seed, int visitors)
    {
        var random = new Random(seed);
        // Names and values come from a random of their own, so the rest of the log is what it was before goals.
        var goals = new Random(seed + 1);
        var log = new AudienceLog();
        var ids = Sites.ToDictionary(s => s, _ => 0);
        for (var v = 0; v < visitors; v++)
        {
            // Visitors come in pairs of one name on two sites: two visitors of site *.
            var site = Sites[(v / 2 + v % 2) % Sites.Length];
            var visitor = $"v{v / 2}";
            var t = Start + random.NextInt64(0, 2 * 24 * 3_600_000L);
            for (var s = random.Next(1, 4); s > 0; s--)
            {
                var sessionStart = t;
                var first = Dimensions(random);
                Dimensions? stamped = null;
                for (var n = random.Next(1, 9); n > 0; n--)
                {
                    var own = stamped is null ? first : Later(random, first);
                    stamped ??= Stamp(first);
                    var type = Pick(random, [EventType.PageView, EventType.PageView, EventType.PageView, EventType.Click, EventType.Conversion, EventType.Custom]);
                    var page = type switch
                    {
                        EventType.PageView => Pick(random, Pages),
                        EventType.Custom => null,
                        _ => random.Next(3) == 0 ? null : Pick(random, Pages),
                    };
                    IReadOnlyDictionary<string, string>? props = type is EventType.Custom or EventType.Conversion || random.Next(5) == 0
                        ? random.Next(2) == 0
                            ? new Dictionary<string, string> { ["plan"] = Pick(random, Plans) }
                            : new Dictionary<string, string> { ["plan"] = Pick(random, Plans), ["ref"] = $"r{random.Next(3)}" }
                        : null;
                    var amount = type == EventType.Conversion ? random.Next(1, 100) : 0;
                    var (name, value) = type switch
                    {
                        EventType.Custom => (Pick(goals, Names), goals.Next(3) == 0 ? 2.25 : (double?)null),
                        EventType.Click => (goals.Next(4) == 0 ? "signup" : null, goals.Next(6) == 0 ? 5.5 : null),
                        EventType.Conversion => (null, goals.Next(5) == 0 ? null : amount + goals.Next(100) / 100.0),
                        _ => ((string?)null, (double?)null),
                    };
                    var id = $"e{++ids[site]}";
                    log.Events.Add(new AudienceEvent(site, id, type, t, visitor, page, props, own, name, value));
                    log.Stored.Add(new StoredEvent(site, id, type, t, visitor, sessionStart, page, name, value, props, stamped));
                    t += random.NextInt64(1_000, SessionGapMs - 60_000);
                }
                t += SessionGapMs + random.NextInt64(60_000, 6 * 3_600_000L);
            }
        }
        return log;
    }

    private static Dictionary<string, string> Dimensions(Random random) => new()
    {
        ["source"] = Pick(random, Sources),
        ["utm_source"] = Pick(random, Sources) is var s && s.Contains(' ') ? "(none)" : s.ToLowerInvariant(),
        ["utm_medium"] = Pick(random, Mediums),
        ["utm_campaign"] = Pick(random, Campaigns),
        ["browser"] = Pick(random, Browsers),
        ["os"] = Pick(random, Systems),
        ["device"] = Pick(random, Devices),
        ["country"] = Pick(random, Countries),
    };

    /// <summary>A later event of the session: internal navigation has no campaign and no outside referrer.</summary>
    private static Dictionary<string, string> Later(Random random, Dictionary<string, string> first) =>
        random.Next(2) == 0 ? first : new(first) { ["source"] = "Direct / None", ["utm_campaign"] = "(none)", ["utm_medium"] = "(none)" };

    private static Dimensions Stamp(Dictionary<string, string> d) =>
        new(d["source"], d["utm_source"], d["utm_medium"], d["utm_campaign"], d["browser"], d["os"], d["device"], d["country"]);

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}
