using System.Net;

namespace Analytics.Api.Security;

/// <summary>Who may read the grid, and whose word about a client's address counts (configuration section <c>Access</c>).</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>The shortest key accepted: a key is a shared secret, long and random enough not to be guessed.</summary>
    public const int MinKeyLength = 16;

    /// <summary>
    /// Keys that open the query API, the live hub and both dashboards; any one of them will do, so a key can be
    /// replaced without downtime. Empty: all of that is open (the embedded default; set keys in production).
    /// </summary>
    public string[] Keys { get; set; } = [];

    /// <summary>
    /// Reverse proxies (addresses, or networks such as <c>10.0.0.0/8</c>) whose <c>X-Forwarded-For</c> names the
    /// real client, for rate limits and logs. Empty: the address of the connection is the client.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        // A key is never part of a message: start-up errors end up in logs.
        for (var i = 0; i < Keys.Length; i++)
        {
            var key = Keys[i] ?? "";
            if (key.Length < MinKeyLength) yield return $"Access:Keys:{i} must be at least {MinKeyLength} characters";
            else if (!key.All(c => c is > ' ' and < '\u007f'))
                yield return $"Access:Keys:{i} must be printable ASCII without spaces (it travels in headers and URLs)";
        }
        for (var i = 0; i < TrustedProxies.Length; i++)
        {
            if (!IPAddress.TryParse(TrustedProxies[i], out _) && !IPNetwork.TryParse(TrustedProxies[i], out _))
                yield return $"Access:TrustedProxies:{i} must be an IP address or a network such as 10.0.0.0/8";
        }
    }
}
