using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Analytics.Grains.Interfaces.Visitors;

/// <summary>
/// The visitor of an event that came without one, where cookieless visitors are on (METRICS.md §3b): a keyed hash of
/// the site, the client address and the user agent, keyed with the salt of the period. The same browser on the same
/// address is the same visitor within a period, and a different one in the next.
/// </summary>
/// <remarks>
/// HMAC-SHA256 rather than a fast hash such as XxHash128: the inputs are guessable (IPv4 has 2³² addresses, and
/// browsers share a few thousand user agents), so the visitor must reveal nothing about the salt to someone who knows
/// a few (input, visitor) pairs, such as their own; HMAC is a pseudo-random function, a seeded XxHash is not. It costs
/// about a microsecond per event, against half a millisecond for parsing a user agent not yet in the cache.
/// </remarks>
public static class CookielessVisitor
{
    /// <summary>
    /// Marks a derived visitor. A client's own visitor could carry it only by copying a derived one on purpose, which
    /// it can do with any visitor; by accident the two never collide (client ids are UUIDs or the site's own ids).
    /// </summary>
    public const string Prefix = "c:";

    public const int SaltBytes = 32;

    /// <summary>The bytes of the MAC kept: 128 bits, so that two visitors of a site collide with odds near 10⁻²⁶ among millions.</summary>
    private const int KeptBytes = 16;

    /// <summary>The visitor, <see cref="Prefix"/> and 22 base64url characters.</summary>
    /// <param name="address">The client as <c>ClientAddress.PartitionOf</c> names it; null or empty for none.</param>
    /// <param name="userAgent">The user agent the event is judged by (at most 512 characters); null or empty for none.</param>
    public static string Of(ReadOnlySpan<byte> salt, string site, string? address, string? userAgent)
    {
        if (salt.Length != SaltBytes) throw new ArgumentException($"A salt has {SaltBytes} bytes", nameof(salt));
        // Site and address can hold no NUL, so the separators make the encoding unambiguous; the user agent comes last.
        var text = string.Concat(site, "\0", address, "\0", userAgent);
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = most > 4096 ? ArrayPool<byte>.Shared.Rent(most) : null;
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[4096];
            var length = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(salt, buffer[..length], mac);
            return Prefix + Base64Url.EncodeToString(mac[..KeptBytes]);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
