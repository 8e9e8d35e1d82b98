using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Sinks.InfluxDb.Query;

namespace Analytics.Sinks.InfluxDb.Schema;

/// <summary>A retention policy as <c>SHOW RETENTION POLICIES</c> lists it.</summary>
internal sealed partial record RetentionPolicyInfo(string Name, TimeSpan Duration, bool IsDefault)
{
    public static RetentionPolicyInfo FromRow(InfluxRow row) =>
        new(row.GetString("name")!, ParseGoDuration(row.GetString("duration")!), row["default"] is true);

    /// <summary>InfluxDB prints durations the Go way, e.g. <c>720h0m0s</c>; <c>0s</c> means infinite.</summary>
    private static TimeSpan ParseGoDuration(string text)
    {
        var match = GoDuration().Match(text);
        if (!match.Success)
            throw new FormatException($"InfluxDB listed a retention duration this client cannot read: '{text}'.");
        long Part(string group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s"));
    }

    [GeneratedRegex(@"^(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$")]
    private static partial Regex GoDuration();
}
