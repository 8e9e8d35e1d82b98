namespace Analytics.Sinks.InfluxDb.Diagnostics;

/// <summary>The <c>status</c> label values of <c>influxdb_write_requests_total</c>, defined once.</summary>
public static class WriteOutcomeLabels
{
    public static readonly IReadOnlyList<string> All = [.. Enum.GetValues<WriteOutcome>().Select(ToStatusLabel)];

    public static string ToStatusLabel(this WriteOutcome outcome) => outcome switch
    {
        WriteOutcome.Success => "success",
        WriteOutcome.Retry => "retry",
        WriteOutcome.Failure => "failure",
        WriteOutcome.Dropped => "dropped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
