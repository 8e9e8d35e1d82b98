namespace Analytics.Sinks.InfluxDb.Diagnostics;

/// <summary>
/// Hears the outcome of every write request, for metrics. Called on the sink's writer (or, for
/// <see cref="WriteOutcome.Dropped"/>, on the enqueuing thread): keep it quick and non-blocking. An exception
/// thrown here is logged and otherwise ignored.
/// </summary>
public interface IInfluxSinkObserver
{
    /// <param name="outcome">What became of the request.</param>
    /// <param name="points">How many points it carried (or, when dropped, how many were refused).</param>
    void OnWrite(WriteOutcome outcome, int points);
}
