namespace Analytics.Grains.Interfaces.Grains;

/// <summary>
/// The reducer of one site (keyed by the site) or of the whole grid (keyed <c>*</c>): it sums what the
/// shards report, marks windows final once the final watermark passes them, keeps recent windows for the
/// query API, and hands final ones on.
/// </summary>
public interface ISiteGrain : IGrainWithStringKey
{
    Task<ReducerAck> Report(ShardReport report);

    /// <summary>The site's counted events so far.</summary>
    Task<long> GetEventCount();

    /// <summary>
    /// The windows of a family whose start lies in [from, to), final and provisional, ordered by start; for
    /// per-page windows, those of <paramref name="page"/>. Only windows that exist are answered.
    /// </summary>
    Task<WindowAnswer[]> GetWindows(Windows.WindowFamily family, long from, long to, string? page = null);

    /// <summary>The most viewed pages over the minutes whose start lies in [from, to), most viewed first.</summary>
    Task<PageViewCount[]> GetTopPages(long from, long to, int limit);
}

/// <summary>A shard grain, as the rest of the grid sees it: a reducer that lost its memory pulls back what the shard holds.</summary>
public interface IShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Everything the shard holds for a site, as a complete report (empty when nothing). Answered even while
    /// the shard is busy: a reducer that was activated by the shard's own report asks it.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ShardReport> Resync(string site);
}

/// <summary>The sites the grid has seen, with their event counts (keyed 0).</summary>
public interface ISiteDirectoryGrain : IGrainWithIntegerKey
{
    Task Update(string site, long events);

    Task<SiteCount[]> GetSites();
}

[GenerateSerializer, Immutable]
public sealed record SiteCount([property: Id(0)] string Site, [property: Id(1)] long Events);
