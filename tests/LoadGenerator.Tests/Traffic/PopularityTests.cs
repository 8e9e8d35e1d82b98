using Analytics.Grains.Interfaces.Events;
using Analytics.LoadGenerator.Tests.Infrastructure;
using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Tests.Traffic;

public class PopularityTests
{
    [Fact]
    public void The_root_page_dominates_each_site_as_Zipf_says()
    {
        var log = Logs.Of(new TrafficProfile { Sites = 3, PagesPerSite = 50, PageZipfExponent = 1.1 }, 60_000);

        foreach (var site in log.GroupBy(e => e.Site))
        {
            var views = site.Where(e => e.Type == EventType.PageView).GroupBy(e => e.Page!).Select(g => (Page: g.Key, Count: g.Count()))
                .OrderByDescending(p => p.Count).ToList();
            // Zipf with s = 1.1: the first page has 2^1.1 ≈ 2.14 times the views of the second and about 26 % of all.
            Assert.Equal("/", views[0].Page);
            Assert.True(views[0].Count > 1.8 * views[1].Count, $"{site.Key}: {views[0]} against {views[1]}");
            Assert.InRange((double)views[0].Count / views.Sum(p => p.Count), 0.20, 0.32);
        }
    }

    [Fact]
    public void The_first_site_gets_the_most_visitors()
    {
        var generator = new TrafficGenerator(new TrafficProfile { Sites = 8 });
        var log = generator.Take(20_000, Logs.Start, 50);

        var visitorsBySite = log.GroupBy(e => e.Site).ToDictionary(g => g.Key, g => g.Select(e => e.Visitor).Distinct().Count());
        Assert.Equal(generator.Sites[0], visitorsBySite.MaxBy(s => s.Value).Key);
        Assert.Equal(8, visitorsBySite.Count);
    }
}
