using System.Buffers;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace Analytics.Grains.Shards;

/// <summary>
/// Plugs <see cref="ShardStateFormat"/> into Orleans' serializer, so that any grain storage configured with it
/// (PostgreSQL, memory) stores a shard's state in that form: one length-prefixed field.
/// </summary>
[RegisterSerializer]
internal sealed class ShardStateCodec : IFieldCodec<ShardState>
{
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, ShardState? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        if (ReferenceCodec.TryWriteReferenceField(ref writer, fieldIdDelta, expectedType, value)) return;
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        ShardStateFormat.Write(value!, buffer);
        writer.WriteFieldHeader(fieldIdDelta, expectedType, typeof(ShardState), WireType.LengthPrefixed);
        writer.WriteVarUInt32((uint)buffer.WrittenCount);
        writer.Write(buffer.WrittenSpan);
    }

    public ShardState? ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        if (field.WireType == WireType.Reference) return ReferenceCodec.ReadReference<ShardState, TInput>(ref reader, field);
        field.EnsureWireType(WireType.LengthPrefixed);
        var length = reader.ReadVarUInt32();
        var state = ShardStateFormat.Read(reader.ReadBytes(length));
        ReferenceCodec.RecordObject(reader.Session, state);
        return state;
    }
}
