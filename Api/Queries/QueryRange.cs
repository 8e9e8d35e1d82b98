using System.Globalization;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Api.Queries;

/// <summary>A query's time range, [from, to) in epoch ms, parsed from epoch milliseconds or RFC 3339.</summary>
public readonly record struct QueryRange(long From, long To)
{
    public static QueryRange? Parse(string? from, string? to, TimeSpan defaultRange, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var end = to is null ? now.ToUnixTimeMilliseconds() : ParseTime(to, "to", errors);
        var start = from is null ? end - (long)defaultRange.TotalMilliseconds : ParseTime(from, "from", errors);
        if (start is null || end is null) return null;
        if (start > end)
        {
            errors["from"] = ["must not be after 'to'"];
            return null;
        }
        return new QueryRange(start.Value, end.Value);
    }

    private static long? ParseTime(string text, string name, Dictionary<string, string[]> errors)
    {
        long? millis = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUnixTimeMilliseconds()
            : null;
        if (millis is null)
        {
            errors[name] = ["must be epoch milliseconds or an RFC 3339 time"];
            return null;
        }
        // The times events may have: no window lies outside, and ranges stay far from overflowing (or confusing InfluxDB).
        if (millis is < 0 or > EventRules.MaxTimestamp)
        {
            errors[name] = [$"must lie between 1970 and 9999 (0 to {EventRules.MaxTimestamp} epoch milliseconds)"];
            return null;
        }
        return millis;
    }
}
