using System.Globalization;

namespace Analytics.LoadGenerator.Cli;

/// <summary>Durations as people type them: <c>500ms</c>, <c>60s</c>, <c>1.5m</c>, <c>2h</c>, <c>1d</c>, or a bare number of seconds.</summary>
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        var (number, unit) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 0.001)
            : char.IsAsciiLetter(text.LastOrDefault()) ? (text[..^1], char.ToLowerInvariant(text[^1]) switch
            {
                's' => 1.0,
                'm' => 60.0,
                'h' => 3600.0,
                'd' => 86400.0,
                _ => double.NaN,
            })
            : (text, 1.0);
        if (double.IsNaN(unit) || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || Math.Abs(value * unit) > TimeSpan.MaxValue.TotalSeconds / 2)
            return false;
        duration = TimeSpan.FromSeconds(value * unit);
        return true;
    }

    public static string Format(TimeSpan duration) => duration switch
    {
        { TotalDays: >= 1 } when duration.Ticks % TimeSpan.TicksPerDay == 0 => $"{duration.TotalDays:0}d",
        { TotalHours: >= 1 } when duration.Ticks % TimeSpan.TicksPerHour == 0 => $"{duration.TotalHours:0}h",
        { TotalMinutes: >= 1 } when duration.Ticks % TimeSpan.TicksPerMinute == 0 => $"{duration.TotalMinutes:0}m",
        _ when duration.Ticks % TimeSpan.TicksPerSecond == 0 => $"{duration.TotalSeconds:0}s",
        _ => $"{duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms",
    };
}
