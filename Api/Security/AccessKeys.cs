using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Security;

/// <summary>
/// The configured keys, held only as SHA-256 digests: a presented key is hashed and compared with each in constant
/// time, so neither its content nor its length shows in how long the answer takes.
/// </summary>
public sealed class AccessKeys
{
    // What the browser-page cookie holds instead of a key: an HMAC of a fixed label under the key. Every API replica
    // computes the same value, and the cookie never carries the key itself.
    private static readonly byte[] CookieLabel = "analytics-grid browser pages"u8.ToArray();

    private readonly byte[][] _digests;
    private readonly byte[][] _cookies;

    public AccessKeys(IOptions<AccessOptions> options)
    {
        var keys = options.Value.Keys.Select(Encoding.UTF8.GetBytes).ToArray();
        _digests = [.. keys.Select(SHA256.HashData)];
        _cookies = [.. keys.Select(key => HMACSHA256.HashData(key, CookieLabel))];
    }

    /// <summary>True when keys are configured, so that everything but the open routes needs one.</summary>
    public bool Required => _digests.Length > 0;

    public bool Matches(string presented) => AnyEqual(_digests, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>The cookie value that stands for <paramref name="key"/>, which must be a matching key.</summary>
    public static string CookieFor(string key) => Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), CookieLabel));

    public bool MatchesCookie(string presented)
    {
        var bytes = new byte[32];
        return System.Buffers.Text.Base64Url.TryDecodeFromChars(presented, bytes, out var written) && written == bytes.Length
            && AnyEqual(_cookies, bytes);
    }

    private static bool AnyEqual(byte[][] candidates, byte[] value)
    {
        var found = false;
        // Every candidate is compared, so the time taken does not tell which one matched.
        foreach (var candidate in candidates) found |= CryptographicOperations.FixedTimeEquals(candidate, value);
        return found;
    }

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
