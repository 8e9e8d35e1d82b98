using System.Net;
using System.Net.Sockets;

namespace Analytics.Api.Security;

/// <summary>
/// The client of a request as rate limits, logs and cookieless visitors see it (after <c>Access:TrustedProxies</c> had
/// their say).
/// </summary>
public static class ClientAddress
{
    /// <summary>
    /// The key clients are counted under: the IPv4 address, or the /64 network of an IPv6 address (one subscriber
    /// usually holds a whole /64, so counting single addresses would let one client spread over billions). Null for
    /// clients on this machine: loopback, or no address at all (in-process test servers, Unix sockets).
    /// </summary>
    public static string? PartitionOf(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null || IPAddress.IsLoopback(address)) return null;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The client's address for a log line.</summary>
    public static string Describe(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "this machine";
}
