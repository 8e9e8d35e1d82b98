using System.IO.Hashing;
using System.Numerics;
using System.Text;

namespace Analytics.EventStore;

/// <summary>
/// The pair (site, visitor) as a 128-bit number (XxHash128 of <c>site/visitor</c>), which the stores count distinct
/// instead of strings: about three times faster, and the same for site <c>*</c>, where a visitor is the pair. Two of
/// 3,000,000 visitors share a key with a probability of about 10⁻²⁶, so the count is exact in practice.
/// </summary>
internal static class VisitorKey
{
    public static UInt128 Of(string site, string visitor)
    {
        Span<byte> text = stackalloc byte[Encoding.UTF8.GetMaxByteCount(site.Length + visitor.Length + 1)];
        var length = Encoding.UTF8.GetBytes(site, text);
        text[length++] = (byte)'/';
        length += Encoding.UTF8.GetBytes(visitor, text[length..]);
        return XxHash128.HashToUInt128(text[..length]);
    }

    public static BigInteger AsSigned(UInt128 key) => (BigInteger)(Int128)key;

    public static Guid AsGuid(UInt128 key)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, key);
        return new Guid(bytes, bigEndian: true);
    }
}
