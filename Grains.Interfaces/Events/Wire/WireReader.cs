using System.Buffers.Binary;
using System.Text;

namespace Analytics.Grains.Interfaces.Events.Wire;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote. Every malformed input is a <see cref="FormatException"/> saying
/// where: truncation, an overlong varint, invalid UTF-8.
/// </summary>
public ref struct WireReader(ReadOnlySpan<byte> data)
{
    // Throws on invalid UTF-8 instead of inventing U+FFFD: corrupt input must be rejected, not altered.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position == _data.Length;

    public byte Byte()
    {
        if (_position >= _data.Length) throw Truncated();
        return _data[_position++];
    }

    public long Long()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return (long)(result >> 1) ^ -(long)(result & 1);
        }
        throw new FormatException("varint longer than 10 bytes");
    }

    /// <summary>A count of items that follow, each at least one byte long: never more than the bytes left.</summary>
    public int Count()
    {
        var count = Long();
        if (count < 0 || count > _data.Length - _position) throw new FormatException($"bad count {count} at byte {_position}");
        return (int)count;
    }

    public ulong Fixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public string String()
    {
        var bytes = Take(Length());
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException($"invalid UTF-8 before byte {_position}");
        }
    }

    /// <summary>A string of a field whose values repeat (sites, pages), from <see cref="StringPool"/> when short.</summary>
    public string PooledString()
    {
        var start = _position;
        var length = Length();
        if (length > StringPool.MaxLength)
        {
            _position = start;
            return String();
        }
        Span<char> chars = stackalloc char[StringPool.MaxLength];
        int count;
        try
        {
            count = StrictUtf8.GetChars(Take(length), chars);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException($"invalid UTF-8 before byte {_position}");
        }
        return StringPool.Of(chars[..count]);
    }

    /// <summary>Bytes written with their length before them.</summary>
    public ReadOnlySpan<byte> Bytes() => Take(Length());

    private int Length()
    {
        var length = Long();
        if (length < 0 || length > _data.Length - _position) throw Truncated();
        return (int)length;
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _data.Length - _position) throw Truncated();
        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }

    private readonly FormatException Truncated() => new($"truncated at byte {_position}");
}
