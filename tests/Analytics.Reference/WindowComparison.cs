using Analytics.Grains.Interfaces.Windows;

namespace Analytics.Reference;

/// <summary>Compares the grid's windows with the reference: the same windows, counts exactly, rates to 1e-9.</summary>
public static class WindowComparison
{
    public const double Tolerance = 1e-9;

    /// <summary>Every difference, described; empty when the two agree.</summary>
    public static List<string> Differences(
        string what, IReadOnlyDictionary<long, double> expected, IReadOnlyDictionary<long, double> actual, int maxReported = 10)
    {
        var differences = new List<string>();
        foreach (var start in expected.Keys.Union(actual.Keys).Order())
        {
            var inExpected = expected.TryGetValue(start, out var e);
            var inActual = actual.TryGetValue(start, out var a);
            if (inExpected && inActual && Math.Abs(e - a) <= Tolerance) continue;
            if (differences.Count < maxReported)
            {
                differences.Add($"{what} window {DateTimeOffset.FromUnixTimeMilliseconds(start):O}: " +
                    $"expected {(inExpected ? e.ToString("R") : "no window")}, grid {(inActual ? a.ToString("R") : "no window")}");
            }
            else
            {
                differences.Add($"{what}: more differences");
                break;
            }
        }
        return differences;
    }

    public static bool IsRate(Metric metric) => metric is Metric.ConversionRate or Metric.AvgSessionDuration or Metric.BounceRate;
}
