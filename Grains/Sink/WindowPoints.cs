using Analytics.Grains.Interfaces.Windows;
using Analytics.Sinks.InfluxDb.LineProtocol;

namespace Analytics.Grains.Sink;

/// <summary>Turns final windows into InfluxDB points, as <see cref="WindowMeasurements"/> describes.</summary>
internal static class WindowPoints
{
    public static IEnumerable<MetricPoint> Of(string site, WindowEntry window)
    {
        var tags = new Dictionary<string, string> { [WindowMeasurements.SiteTag] = site };
        if (window.Key.Page is { } page) tags[WindowMeasurements.PageTag] = page;
        foreach (var metric in WindowMeasurements.MetricsOf(window.Key.Family))
        {
            var fields = new Dictionary<string, FieldValue> { [WindowMeasurements.ValueField] = metric.ValueOf(window.Value) };
            foreach (var (field, count) in WindowMeasurements.CountsOf(metric, window.Value)) fields[field] = count;
            yield return new MetricPoint(metric.NameOf(), tags, fields, window.Key.Start);
        }
    }
}
