using System.Text.Json;

namespace Analytics.Sinks.InfluxDb.Errors;

/// <summary>Turns HTTP answers and transport failures into the library's exceptions, in one place for every client.</summary>
internal static class InfluxErrors
{
    // InfluxDB echoes the offending line in some errors; a whole batch does not belong in a log line.
    private const int MaxServerMessageLength = 300;

    public static InfluxDbException ForWrite(int status, string serverMessage, string target)
    {
        var message = $"InfluxDB refused the write to {target} with {status}: {Shorten(serverMessage)}";
        return status switch
        {
            404 => new InfluxDatabaseNotFoundException(message),
            400 or 413 or 422 => new InfluxPointsRejectedException(message, status),
            401 or 403 => new InfluxAuthorizationException(message, status),
            _ => ForOtherStatus(status, message),
        };
    }

    public static InfluxDbException ForQuery(int status, string serverMessage)
    {
        var message = $"InfluxDB refused the query with {status}: {Shorten(serverMessage)}";
        return status switch
        {
            401 or 403 => new InfluxAuthorizationException(message, status),
            400 or 404 => new InfluxQueryException(message, status),
            _ => ForOtherStatus(status, message),
        };
    }

    public static InfluxQueryException ForStatement(int statementId, string serverMessage) =>
        new($"InfluxDB could not run statement {statementId}: {Shorten(serverMessage)}", 200);

    public static InfluxUnavailableException Unreachable(string operation, Exception inner) =>
        new($"InfluxDB could not be reached for {operation}: {Shorten(inner.Message)}", null, inner);

    public static InfluxUnavailableException TimedOut(string operation, TimeSpan timeout) =>
        new($"InfluxDB did not answer {operation} within {timeout.TotalSeconds:0.###} s", null);

    /// <summary>The explanation in an error body: <c>{"error":…}</c> (1.x), <c>{"message":…}</c> (2.x) or plain text.</summary>
    public static string ReadServerMessage(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (ReadOnlySpan<string>)["error", "message"])
                    if (json.RootElement.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String)
                        return text.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not JSON: proxies and VictoriaMetrics answer in plain text.
        }
        return body.Trim();
    }

    private static InfluxDbException ForOtherStatus(int status, string message) =>
        status is 408 or 429 or >= 500
            ? new InfluxUnavailableException(message, status)
            : new InfluxDbException(message, status, isTransient: false);

    private static string Shorten(string text) =>
        text.Length <= MaxServerMessageLength ? text : string.Concat(text.AsSpan(0, MaxServerMessageLength), "…");
}
