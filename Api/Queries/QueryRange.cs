using System.Globalization;

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
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var millis)) return millis;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time.ToUnixTimeMilliseconds();
        errors[name] = ["must be epoch milliseconds or an RFC 3339 time"];
        return null;
    }
}
