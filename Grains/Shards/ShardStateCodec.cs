using System.Buffers;
using System.Collections.Concurrent;
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
    // Buffers kept from one save to the next: a shard's state is megabytes, and a new buffer for each save grew by
    // doubling, which allocated about twice the state on the large-object heap every checkpoint. One buffer is kept
    // per save running at once, each as large as the largest state it wrote.
    private static readonly ConcurrentBag<ArrayBufferWriter<byte>> Buffers = [];

    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, ShardState? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        if (ReferenceCodec.TryWriteReferenceField(ref writer, fieldIdDelta, expectedType, value)) return;
        if (!Buffers.TryTake(out var buffer)) buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            ShardStateFormat.Write(value!, buffer);
            writer.WriteFieldHeader(fieldIdDelta, expectedType, typeof(ShardState), WireType.LengthPrefixed);
            writer.WriteVarUInt32((uint)buffer.WrittenCount);
            writer.Write(buffer.WrittenSpan);
        }
        finally
        {
            buffer.ResetWrittenCount();
            Buffers.Add(buffer);
        }
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
