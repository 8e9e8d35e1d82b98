using Analytics.Grains.Interfaces.Events;
using Analytics.LoadGenerator.Sinks;
using Analytics.LoadGenerator.Tests.Infrastructure;
using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Tests.Traffic;

public class ContractTests
{
    private static readonly IReadOnlyList<AnalyticsEvent> Log = Logs.Of(
        new TrafficProfile { Seed = 3, Sites = 12, LateShare = 0.01, LateBy = TimeSpan.FromSeconds(20), DuplicateShare = 0.01 }, 20_000);

    [Fact]
    public void The_ingestion_endpoint_accepts_every_event_and_derives_the_same_event()
    {
        foreach (var batch in Log.Chunk(EventRules.MaxEventsPerRequest))
        {
            // As sent live: the server's clock is just past the newest event of the request.
            var receivedAt = DateTimeOffset.FromUnixTimeMilliseconds(batch.Max(e => e.Timestamp) + 50);
            var parsed = EventBatchParser.Parse(EventJson.Serialize(batch), receivedAt, TimeSpan.FromSeconds(60));

            Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Take(5)));
            // Equal bytes: the same fields, and the page derived from the URL exactly as the endpoint derives it.
            Assert.Equal(Logs.Wire(batch), Logs.Wire(parsed.Events.Select(e => e with { IngestedAtMicros = 0 })));
        }
    }

    [Fact]
    public void Sites_are_host_names_and_visitors_opaque_ids()
    {
        Assert.All(Log.Select(e => e.Site).Distinct(), site =>
        {
            Assert.True(SiteName.IsValidHost(site), site);
            Assert.Matches(@"^site\d{2}\.example\.test$", site);
        });
        Assert.All(Log.Select(e => e.Visitor).Distinct(), visitor => Assert.Matches("^v[0-9a-f]{16}$", visitor));
        Assert.Equal(12, Log.Select(e => e.Site).Distinct().Count());
    }

    [Fact]
    public void Urls_are_absolute_https_with_realistic_variations()
    {
        var urls = Log.Where(e => e.Type == EventType.PageView).Select(e => e.Url!).ToList();

        Assert.All(urls, url => Assert.StartsWith("https://site", url));
        Assert.Contains(urls, url => url.Contains('?'));
        Assert.Contains(urls, url => url.Contains('#'));
        Assert.Contains(urls, url => url.EndsWith('/') && new Uri(url).AbsolutePath.Length > 1);
        Assert.Contains(Log, e => e.Page!.Contains("%C3%A9"));
        Assert.All(Log, e => Assert.DoesNotContain('?', e.Page!));
    }

    [Fact]
    public void Every_kind_of_event_appears_with_the_fields_it_needs()
    {
        var byType = Log.GroupBy(e => e.Type).ToDictionary(g => g.Key, g => g.ToList());

        Assert.Equal(4, byType.Count);
        Assert.All(byType[EventType.Conversion], e => Assert.True(e.Value > 0));
        Assert.All(Log.Where(e => e.Type != EventType.Conversion), e => Assert.Null(e.Value));
        Assert.All(byType[EventType.Click], e => Assert.True(e.Props!.ContainsKey("element")));
        Assert.All(Log, e => Assert.Equal(0, e.IngestedAtMicros));
    }
}
