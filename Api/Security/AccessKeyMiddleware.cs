using Microsoft.Net.Http.Headers;

namespace Analytics.Api.Security;

/// <summary>
/// Lets a request through to a protected route (<see cref="AccessRoutes"/>) only with one of <c>Access:Keys</c>, and
/// answers 401 otherwise. Runs after routing, so it knows which route a request is for.
/// </summary>
public sealed class AccessKeyMiddleware(RequestDelegate next, AccessKeys keys, ILogger<AccessKeyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!keys.Required || !AccessRoutes.NeedsKey(http))
        {
            await next(http);
            return;
        }
        var browserPage = AccessRoutes.IsBrowserPage(http.Request.Path);
        if (AccessCredential.Of(http.Request, acceptCookie: browserPage) is not { } credential)
        {
            SecurityLog.KeyMissing(logger, http.Request.Path, ClientAddress.Describe(http));
            await RefuseAsync(http, "An access key is required",
                "Send a key of Access:Keys as 'Authorization: Bearer <key>', or as ?access_token=<key> (SignalR), or open the page with ?key=<key>.",
                "Bearer");
            return;
        }
        var valid = credential.From == AccessCredential.Source.Cookie ? keys.MatchesCookie(credential.Value) : keys.Matches(credential.Value);
        if (!valid)
        {
            SecurityLog.KeyWrong(logger, http.Request.Path, ClientAddress.Describe(http), credential.From);
            await RefuseAsync(http, "The access key is not valid",
                credential.From == AccessCredential.Source.Cookie
                    ? "The access cookie is no longer valid (the keys changed): open the page again with ?key=<key>."
                    : $"The key sent as {credential.From} is none of Access:Keys (an Authorization header must be 'Bearer <key>').",
                "Bearer error=\"invalid_token\"");
            return;
        }
        if (browserPage && HttpMethods.IsGet(http.Request.Method) && credential.From is AccessCredential.Source.Key or AccessCredential.Source.AccessToken)
        {
            GiveCookie(http, credential.Value);
            if (credential.From == AccessCredential.Source.Key)
            {
                // Out of the address bar, so the key ends up in no bookmark, history entry or Referer.
                var rest = http.Request.Query.Where(p => p.Key != AccessCredential.KeyParameter);
                http.Response.Redirect(http.Request.PathBase + http.Request.Path + QueryString.Create(rest));
                return;
            }
        }
        await next(http);
    }

    private static async Task RefuseAsync(HttpContext http, string title, string detail, string challenge)
    {
        http.Response.Headers[HeaderNames.WWWAuthenticate] = challenge;
        await ProblemAnswers.WriteAsync(http, StatusCodes.Status401Unauthorized, title, detail);
    }

    /// <summary>
    /// The cookie that lets a browser page load its own scripts and data. HttpOnly: no script reads it. SameSite=Strict:
    /// no other site's page makes the browser send it. No expiry: it ends with the browser session.
    /// </summary>
    private static void GiveCookie(HttpContext http, string key) =>
        http.Response.Cookies.Append(AccessCredential.CookieName, AccessKeys.CookieFor(key), new CookieOptions
        {
            HttpOnly = true,
            SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
}
