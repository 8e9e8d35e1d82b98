using System.Text;
using Analytics.Testing;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Grains;

namespace Analytics.FunctionalTests.Infrastructure;

/// <summary>What a failed wait prints: where each partition's reading stands, and each site's count against the log's.</summary>
public static class GridDiagnostics
{
    public static async Task<string> DescribeAsync(GridHost grid, IReadOnlyCollection<AnalyticsEvent> counted)
    {
        var text = new StringBuilder();
        try
        {
            var progress = await grid.Progress.GetProgress();
            var ends = TopicLog.EndOffsets(grid.Topic, GridHost.Partitions);
            text.AppendLine($"watermark {progress.Watermark}, final {progress.FinalWatermark}, lag {progress.Lag}, consumers {progress.Consumers}");
            for (var p = 0; p < progress.Durable.Length; p++)
                text.AppendLine($"partition {p}: durable {progress.Durable[p]}, started {progress.Started[p]}, end {ends[p]}");
            text.AppendLine($"{KafkaLog.DistinctEvents($"{grid.Topic}.late", GridHost.Partitions).Count} distinct events on the late topic");
            foreach (var site in counted.GroupBy(e => e.Site).OrderBy(g => g.Key))
            {
                var count = await grid.Cluster.Client.GetGrain<ISiteGrain>(site.Key).GetEventCount();
                if (count != site.Count()) text.AppendLine($"site {site.Key}: {count} counted of {site.Count()}");
            }
        }
        catch (Exception e)
        {
            text.AppendLine($"(could not describe the grid: {e.Message})");
        }
        return text.ToString();
    }
}
