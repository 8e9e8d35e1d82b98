using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;
using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Grains.Sites;

internal sealed partial class SiteGrain
{
    public async Task<WindowAnswer[]> GetWindows(WindowFamily family, long from, long to, string? page = null)
    {
        var provisional = _open.Where(k => k.Family == family && k.Page == page && k.Start >= from && k.Start < to)
            .Where(w => Metrics.Exists(family, w.Value))
            .Select(w => new WindowAnswer(w.Key.Start, w.Value, Final: false));
        IEnumerable<WindowAnswer> final;
        if (family != WindowFamily.PageViewsOfPage)
        {
            final = _final.Query(family, from, to);
        }
        else
        {
            // Older seconds of a page are with its grain; the ones not yet handed over are here.
            final = _final.QueryPage(page!, from, to);
            var handedBefore = Math.Min(to, _final.OldestPendingMinute ?? to);
            if (from < handedBefore)
                final = final.Concat(await GrainFactory.GetGrain<IPageGrain>(PageKeys.Of(Site, page!)).GetSeconds(from, handedBefore));
        }
        return [.. final.Concat(provisional).GroupBy(w => w.Start).Select(g => g.OrderByDescending(w => w.Final).First()).OrderBy(w => w.Start)];
    }

    public async Task<PageViewCount[]> GetTopPages(long from, long to, int limit)
    {
        if (Site == SiteName.All) return await TopPagesOfAllSitesAsync(from, to, limit);
        var totals = _final.PageTotals(from, to);
        _open.AddPageTotals(from, to, totals);
        return [.. totals.Where(p => p.Value > 0).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(limit).Select(p => new PageViewCount(p.Key, p.Value))];
    }

    /// <summary>Pages belong to one site each, so the grid's top pages are the best of every site's own top pages.</summary>
    private async Task<PageViewCount[]> TopPagesOfAllSitesAsync(long from, long to, int limit)
    {
        var sites = await GrainFactory.GetGrain<ISiteDirectoryGrain>(0).GetSites();
        var tops = await Task.WhenAll(sites.Select(async s =>
            (await GrainFactory.GetGrain<ISiteGrain>(s.Site).GetTopPages(from, to, limit)).Select(p => p with { Page = s.Site + p.Page })));
        return [.. tops.SelectMany(t => t).OrderByDescending(p => p.Views).ThenBy(p => p.Page, StringComparer.Ordinal).Take(limit)];
    }
}
