using Analytics.Grains.Interfaces.Live;
using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Api.Live;

/// <summary>What browsers receive, in the shapes of the query API.</summary>
public static class LiveMessages
{
    public sealed record WindowsMessage(string Site, WindowMessage[] Windows);

    public sealed record WindowMessage(string Metric, long Start, long End, double Value, bool Final);

    public sealed record TopPagesMessage(string Site, long Start, long End, bool Final, PageMessage[] Pages);

    public sealed record PageMessage(string Page, long Views);

    public static WindowsMessage Windows(LiveUpdate update) => new(update.Site,
        [.. update.Windows.SelectMany(w => MetricsOf(w.Family).Select(metric =>
            new WindowMessage(metric.NameOf(), w.Start, w.Start + w.Family.Size(), metric.ValueOf(w.Value), w.Final)))]);

    public static TopPagesMessage TopPages(string site, LiveTopPages top) =>
        new(site, top.Start, top.Start + WindowShapes.TopPagesSize, top.Final, [.. top.Pages.Select(p => new PageMessage(p.Page, p.Views))]);

    private static IEnumerable<Metric> MetricsOf(WindowFamily family) => Metrics.All.Where(m => m.FamilyOf() == family);
}
