using Analytics.EventStore;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Bench.Store;

/// <summary>
/// The benchmark's event log, generated in time order as shards write it: a big site (most events, 30 days) and a
/// site whose 100,000 visitors all come in the last hour, their sessions interleaved by start time. Sessions have 1–5
/// events 5 s–5 min apart; each visitor has about one session. Sources, devices, countries and pages are skewed
/// (a few common values, a long tail), 1 event in 10 carries a prop.
/// </summary>
internal sealed class StoreLoad(int events, int visitors, long end, int seed)
{
    public const string BigSite = "big.example";
    public const string HourSite = "hour.example";
    public const int HourVisitors = 100_000;
    public const int HourEvents = 350_000;
    public static readonly TimeSpan Span = TimeSpan.FromDays(30);
    private const double EventsPerSession = 3;

    private static readonly string[] Sources = ["Google", "Direct / None", "Bing", "Facebook", "Twitter", "news.ycombinator.com", "Reddit", "DuckDuckGo", "LinkedIn", "github.com", "Yahoo!", "Ecosia"];
    private static readonly string[] Campaigns = ["(none)", "(none)", "(none)", "spring", "launch", "newsletter-14", "retargeting"];
    private static readonly string[] Mediums = ["(none)", "(none)", "cpc", "email", "social"];
    private static readonly string[] Devices = ["desktop", "mobile", "mobile", "tablet"];
    private static readonly string[] Browsers = ["Chrome", "Chrome", "Mobile Safari", "Firefox", "Edge", "Samsung Internet", "Chrome Mobile"];
    private static readonly string[] Systems = ["Windows", "Android", "iOS", "Mac OS X", "Linux"];
    private static readonly string[] Countries = ["US", "DE", "GB", "FR", "IN", "BR", "JP", "NL", "ES", "IT", "CA", "PL", "SE", "(none)"];
    private static readonly string[] Pages = [.. Enumerable.Range(0, 40).Select(i => i == 0 ? "/" : $"/section-{i % 7}/page-{i}")];

    public long End => end;

    public IEnumerable<StoredEvent> Events()
    {
        var bigEvents = events - HourEvents;
        var big = Sessions(BigSite, end - (long)Span.TotalMilliseconds, end, (int)(bigEvents / EventsPerSession), visitors - HourVisitors, seed);
        var hour = Sessions(HourSite, end - 3_600_000, end, (int)(HourEvents / EventsPerSession), HourVisitors, seed + 1);
        var id = 0L;
        using var a = big.GetEnumerator();
        using var b = hour.GetEnumerator();
        var (hasA, hasB) = (a.MoveNext(), b.MoveNext());
        while (hasA || hasB)
        {
            var takeA = hasA && (!hasB || a.Current.Start <= b.Current.Start);
            var session = takeA ? a.Current : b.Current;
            foreach (var e in session.Events(++id)) yield return e;
            id += session.Count;
            if (takeA) hasA = a.MoveNext(); else hasB = b.MoveNext();
        }
    }

    private static IEnumerable<Session> Sessions(string site, long from, long to, int count, int visitors, int seed)
    {
        var random = new Random(seed);
        var step = (double)(to - from - 30 * 60_000) / count;
        for (var k = 0; k < count; k++)
        {
            var start = from + (long)(k * step) + random.Next(0, (int)Math.Max(1, step));
            // Every visitor once before any comes back: k modulo the visitors, spread by a multiplier prime to them.
            var visitor = (int)((k % visitors) * 2_654_435_761L % visitors);
            var dims = new Dimensions(Skewed(random, Sources), Skewed(random, Sources) is var s && s.Contains(' ') ? "(none)" : s.ToLowerInvariant(),
                Skewed(random, Mediums), Skewed(random, Campaigns), Skewed(random, Browsers), Skewed(random, Systems), Skewed(random, Devices), Skewed(random, Countries));
            var n = random.Next(1, 6);
            var times = new long[n];
            times[0] = start;
            for (var i = 1; i < n; i++) times[i] = times[i - 1] + random.Next(5_000, 300_000);
            var pages = new string[n];
            for (var i = 0; i < n; i++) pages[i] = Skewed(random, Pages);
            var kinds = new EventType[n];
            for (var i = 0; i < n; i++) kinds[i] = random.Next(10) switch { < 7 => EventType.PageView, 7 => EventType.Click, 8 => EventType.Conversion, _ => EventType.Custom };
            yield return new Session(site, $"u{visitor}", start, dims, times, pages, kinds, random.Next(10) == 0 ? random.Next(3) : -1);
        }
    }

    /// <summary>A value with a falling share down the list: the first is the most common.</summary>
    private static string Skewed(Random random, string[] values) => values[(int)(values.Length * Math.Pow(random.NextDouble(), 2))];

    private sealed record Session(string Site, string Visitor, long Start, Dimensions Dims, long[] Times, string[] Pages, EventType[] Kinds, int Plan)
    {
        public int Count => Times.Length;

        public IEnumerable<StoredEvent> Events(long firstId)
        {
            for (var i = 0; i < Times.Length; i++)
            {
                var type = Kinds[i];
                IReadOnlyDictionary<string, string>? props = Plan >= 0 && i == 0 ? new Dictionary<string, string> { ["plan"] = Plan switch { 0 => "free", 1 => "pro", _ => "team" } } : null;
                yield return new StoredEvent(Site, $"e{firstId + i}", type, Times[i], Visitor, Start, type == EventType.Custom ? null : Pages[i],
                    type == EventType.Custom ? "signup" : null, type == EventType.Conversion ? 49.0 : null, props, Dims);
            }
        }
    }
}
