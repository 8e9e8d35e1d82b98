namespace Analytics.Sinks.InfluxDb.Diagnostics;

/// <summary>What became of one write request; the host exports it as <c>influxdb_write_requests_total{status}</c>.</summary>
public enum WriteOutcome
{
    /// <summary>The server stored the request's points.</summary>
    Success,

    /// <summary>The request failed transiently and is tried again after a backoff.</summary>
    Retry,

    /// <summary>
    /// The request failed for good: retries ran out or the circuit is open (the batch stays buffered and is
    /// sent again later), or the server refused the points (their tickets fail).
    /// </summary>
    Failure,

    /// <summary>No request: an enqueue was refused because the buffer was full, or the sink stopped with it unsent.</summary>
    Dropped,
}
