using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Analytics.Bench.Memory;

/// <summary>Managed heap after full, compacting collections, and state sizes as the grid's storage writes them.</summary>
internal static class Heap
{
    private static readonly Lazy<IGrainStorageSerializer> StorageSerializer = new(() =>
    {
        var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        return new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
    });

    /// <summary>Live bytes on the managed heap once everything collectable is collected.</summary>
    public static long Live()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// The bytes a state takes in grain storage: Orleans' binary serializer, as the silo's PostgreSQL storage
    /// is configured to write grid state (OrleansGrainStorageSerializer).
    /// </summary>
    public static long Serialized<T>(T state) => StorageSerializer.Value.Serialize(state).ToMemory().Length;
}
