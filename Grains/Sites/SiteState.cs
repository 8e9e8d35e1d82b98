using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Grains.Sites;

/// <summary>What a site's reducer saves: its final windows of the retention period, the page counts behind top pages, and event counts.</summary>
[GenerateSerializer]
internal sealed class SiteState
{
    /// <summary>Final windows by family and start (per-page windows are kept as <see cref="PageMinutes"/>).</summary>
    [Id(0)] public Dictionary<WindowFamily, SortedDictionary<long, WindowValue>> Final { get; set; } = [];

    /// <summary>Final page views per page, by minute: what top pages are ranked by.</summary>
    [Id(1)] public SortedDictionary<long, Dictionary<string, long>> PageMinutes { get; set; } = [];

    /// <summary>Each shard's count of the site's events (its own total, so a repeated report changes nothing).</summary>
    [Id(2)] public Dictionary<int, long> ShardEvents { get; set; } = [];

    /// <summary>Every window closing (plus the allowed lateness) at or before this is final and saved here.</summary>
    [Id(3)] public long DurableFinal { get; set; } = long.MinValue;

    /// <summary>Final windows not yet written to InfluxDB, oldest first (empty when none is configured).</summary>
    [Id(5)] public List<WindowEntry> Unwritten { get; set; } = [];

    /// <summary>Final page views per page and second, by minute, until the page's grain has saved the minute.</summary>
    [Id(4)] public SortedDictionary<long, Dictionary<string, int[]>> PendingPages { get; set; } = [];
}
