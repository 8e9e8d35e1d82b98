using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Api.History;

/// <summary>When the query API reads InfluxDB: for the part of a range older than what the grid keeps.</summary>
public sealed class HistoryOptions
{
    /// <summary>How long the grid keeps final windows (the same setting the silos read, <c>Grid:FinalRetention</c>).</summary>
    public TimeSpan GridRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The start of the part of a range that only InfluxDB has, or null when the grid covers it all.</summary>
    public long? InfluxBefore(long from, DateTimeOffset now)
    {
        // Windows become final a little after their time passes; a minute of overlap leaves no gap at the seam.
        // On a minute boundary, so that a minute of top pages is counted on one side of the seam only.
        var gridFrom = WindowShapes.Floor((now - GridRetention + TimeSpan.FromMinutes(2)).ToUnixTimeMilliseconds(), WindowShapes.TopPagesSize);
        return from < gridFrom ? gridFrom : null;
    }
}
