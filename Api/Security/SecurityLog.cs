namespace Analytics.Api.Security;

/// <summary>
/// What the security layer logs. Never a key, a cookie, an Authorization header or a query string: a path and the
/// client's address are all a line needs.
/// </summary>
internal static partial class SecurityLog
{
    [LoggerMessage(1, LogLevel.Warning, "Access:Keys is empty: the query API, the live hub and both dashboards are open to anyone who reaches this host")]
    public static partial void OpenAccess(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Access keys required on every route but ingestion, health and metrics ({Count} keys configured)")]
    public static partial void KeysRequired(ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Debug, "Refused {Path} from {Client}: no access key")]
    public static partial void KeyMissing(ILogger logger, string path, string client);

    [LoggerMessage(4, LogLevel.Warning, "Refused {Path} from {Client}: wrong access key (sent as {Source})")]
    public static partial void KeyWrong(ILogger logger, string path, string client, AccessCredential.Source source);

    [LoggerMessage(5, LogLevel.Warning, "Ingestion rate limit: refused {Refused} requests in the last {Seconds:0} s; the latest from {Client}")]
    public static partial void RateLimited(ILogger logger, long refused, double seconds, string client);

    [LoggerMessage(6, LogLevel.Debug, "Refused events from {Client}: their origin is not in Ingestion:AllowedOrigins")]
    public static partial void OriginRefused(ILogger logger, string client);
}
