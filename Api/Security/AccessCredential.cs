using Microsoft.Net.Http.Headers;

namespace Analytics.Api.Security;

/// <summary>Where a request carries its key, and the key (or, for <see cref="Source.Cookie"/>, what stands for it).</summary>
public readonly record struct AccessCredential(string Value, AccessCredential.Source From)
{
    public enum Source
    {
        /// <summary><c>Authorization: Bearer &lt;key&gt;</c>: the REST API, and SignalR clients outside browsers.</summary>
        Header,

        /// <summary><c>?access_token=</c>: browsers cannot set headers on WebSockets and server-sent events, so SignalR sends it so.</summary>
        AccessToken,

        /// <summary><c>?key=</c>: a link that opens a dashboard page.</summary>
        Key,

        /// <summary>The cookie a browser page got after opening with a key in its link, for the files and calls that page makes.</summary>
        Cookie,
    }

    public const string AccessTokenParameter = "access_token";
    public const string KeyParameter = "key";
    public const string CookieName = "analytics-grid-access";

    /// <summary>The credential of a request, or null when it carries none. A header wins over the query, the query over a cookie.</summary>
    public static AccessCredential? Of(HttpRequest request, bool acceptCookie)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.Length > 0)
            return new AccessCredential(authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : "", Source.Header);
        if (request.Query[AccessTokenParameter].ToString() is { Length: > 0 } token) return new AccessCredential(token, Source.AccessToken);
        if (request.Query[KeyParameter].ToString() is { Length: > 0 } key) return new AccessCredential(key, Source.Key);
        if (acceptCookie && request.Cookies[CookieName] is { Length: > 0 } cookie) return new AccessCredential(cookie, Source.Cookie);
        return null;
    }
}
