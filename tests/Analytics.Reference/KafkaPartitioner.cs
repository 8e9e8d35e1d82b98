using System.Text;

namespace Analytics.Reference;

/// <summary>
/// Kafka's default partitioner as the Java client defines it (murmur2 of the key, made positive, modulo the partition
/// count), written here from its definition so that the reference knows each event's partition without asking the grid.
/// </summary>
public static class KafkaPartitioner
{
    public static int PartitionOf(string key, int partitions) => (int)((Murmur2(Encoding.UTF8.GetBytes(key)) & 0x7fffffff) % (uint)partitions);

    private static uint Murmur2(byte[] data)
    {
        const uint m = 0x5bd1e995;
        var h = 0x9747b28cu ^ (uint)data.Length;
        var whole = data.Length / 4 * 4;
        for (var i = 0; i < whole; i += 4)
        {
            var k = data[i] | (uint)data[i + 1] << 8 | (uint)data[i + 2] << 16 | (uint)data[i + 3] << 24;
            k *= m;
            k ^= k >> 24;
            k *= m;
            h = h * m ^ k;
        }
        var rest = data.Length - whole;
        if (rest == 3) h ^= (uint)data[whole + 2] << 16;
        if (rest >= 2) h ^= (uint)data[whole + 1] << 8;
        if (rest >= 1)
        {
            h ^= data[whole];
            h *= m;
        }
        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return h;
    }
}
