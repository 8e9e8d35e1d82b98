namespace Analytics.Sinks.InfluxDb.Diagnostics;

/// <summary>A snapshot of the sink's counters since it was created.</summary>
/// <param name="EnqueuedPoints">Points accepted into the buffer.</param>
/// <param name="WrittenPoints">Points the server confirmed.</param>
/// <param name="DroppedPoints">Points refused for a full buffer or left unsent at shutdown (their tickets fault or cancel).</param>
/// <param name="RejectedPoints">Points the server refused for good (their tickets fault).</param>
/// <param name="BufferedPoints">Points held now: waiting or being written.</param>
/// <param name="SuccessfulRequests">Write requests that succeeded.</param>
/// <param name="RetriedRequests">Write requests that failed and were retried.</param>
/// <param name="FailedRequests">Write requests that failed for good (see <see cref="WriteOutcome.Failure"/>).</param>
public readonly record struct InfluxSinkStatistics(
    long EnqueuedPoints,
    long WrittenPoints,
    long DroppedPoints,
    long RejectedPoints,
    long BufferedPoints,
    long SuccessfulRequests,
    long RetriedRequests,
    long FailedRequests);
