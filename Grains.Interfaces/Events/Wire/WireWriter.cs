using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Analytics.Grains.Interfaces.Events.Wire;

/// <summary>
/// The primitives of the grid's binary formats (events on Kafka, shard state in storage): integers as zig-zag
/// varints, so that small and negative values stay short; strings as UTF-8 with a varint length. <see cref="WireReader"/>
/// reads them back.
/// </summary>
public ref struct WireWriter(IBufferWriter<byte> output)
{
    public void Byte(byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    public void Long(long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        var span = output.GetSpan(10);
        var n = 0;
        while (zigzag >= 0x80)
        {
            span[n++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }
        span[n++] = (byte)zigzag;
        output.Advance(n);
    }

    /// <summary>Eight bytes as they are: for hashes, which a varint would only lengthen.</summary>
    public void Fixed64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Long(length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    /// <summary>Bytes with their length before them.</summary>
    public void Bytes(ReadOnlySpan<byte> value)
    {
        Long(value.Length);
        value.CopyTo(output.GetSpan(value.Length));
        output.Advance(value.Length);
    }
}
