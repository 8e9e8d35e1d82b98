using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Windows;
using Analytics.Sinks.InfluxDb.Query;

namespace Analytics.Api.History;

/// <summary>
/// Final windows older than what the grid keeps, read back from InfluxDB with InfluxQL (served by InfluxDB
/// 1.x, 2.x through its v1 API, and 3.x). User values reach the query only as bound parameters.
/// </summary>
public sealed class InfluxHistory(InfluxQueryClient influx)
{
    /// <summary>A metric's stored windows with start in [from, to): site-wide, or of one page.</summary>
    public async Task<Dictionary<long, double>> WindowsAsync(string site, Metric metric, string? page, long from, long to, CancellationToken cancellationToken)
    {
        var query = $"SELECT {InfluxQl.Identifier(WindowMeasurements.ValueField)} FROM {InfluxQl.Identifier(metric.NameOf())} " +
                    $"WHERE {InfluxQl.Identifier(WindowMeasurements.SiteTag)} = $site AND {InfluxQl.Identifier(WindowMeasurements.PageTag)} = $page " +
                    $"AND time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)}";
        // Site-wide windows are the series without a page tag; InfluxQL matches a missing tag as ''.
        var result = await influx.QueryAsync(query, new Dictionary<string, object?> { ["site"] = site, ["page"] = page ?? "" }, cancellationToken: cancellationToken);
        return result.Rows.ToDictionary(r => r.Time, r => r.GetDouble(WindowMeasurements.ValueField));
    }

    /// <summary>Page views per page over [from, to): for one site, or every site (pages named site/path).</summary>
    public async Task<Dictionary<string, long>> PageViewsAsync(string site, long from, long to, CancellationToken cancellationToken)
    {
        var all = site == SiteName.All;
        var query = $"SELECT sum({InfluxQl.Identifier(WindowMeasurements.ValueField)}) FROM {InfluxQl.Identifier(Metric.PageViews.NameOf())} " +
                    $"WHERE {InfluxQl.Identifier(WindowMeasurements.PageTag)} != '' " +
                    (all ? "" : $"AND {InfluxQl.Identifier(WindowMeasurements.SiteTag)} = $site ") +
                    $"AND time >= {InfluxQl.Time(from)} AND time < {InfluxQl.Time(to)} " +
                    $"GROUP BY {InfluxQl.Identifier(WindowMeasurements.SiteTag)}, {InfluxQl.Identifier(WindowMeasurements.PageTag)}";
        var result = await influx.QueryAsync(query, new Dictionary<string, object?> { ["site"] = site }, cancellationToken: cancellationToken);
        return result.Series.Where(s => s.Rows.Count > 0).ToDictionary(
            s => (all ? s.Tags[WindowMeasurements.SiteTag] : "") + s.Tags[WindowMeasurements.PageTag],
            s => (long)s.Rows[0].GetDouble("sum"));
    }
}
