using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Analytics.FunctionalTests.Security;

/// <summary>
/// The test server has no sockets, so requests come from no address at all. This startup filter lets a request say
/// which address it comes from (<see cref="Header"/>), as Kestrel would set it from the connection, before the
/// application's own middleware runs.
/// </summary>
public sealed class RemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, nextMiddleware) =>
        {
            if (http.Request.Headers[Header].ToString() is { Length: > 0 } address)
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(address);
                http.Request.Headers.Remove(Header);
            }
            await nextMiddleware(http);
        });
        next(app);
    };

    public static HttpRequestMessage From(string address, HttpRequestMessage request)
    {
        request.Headers.Add(Header, address);
        return request;
    }
}
