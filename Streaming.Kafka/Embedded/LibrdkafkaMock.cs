using System.Runtime.InteropServices;

namespace Analytics.Streaming.Kafka.Embedded;

/// <summary>
/// librdkafka's mock cluster API, bound to the very native library Confluent.Kafka loaded.
/// librdkafka.redist ships several Linux builds and Confluent.Kafka picks the first that loads
/// (on Debian 12 the default one needs libsasl2.so.3 and fails, so its centos8 build is used);
/// a plain DllImport would not follow that choice, so the exports are looked up by hand.
/// </summary>
internal static unsafe class LibrdkafkaMock
{
    // The candidates in the order Confluent.Kafka tries them on Linux.
    private static readonly string[] Candidates = ["librdkafka", "centos8-librdkafka", "alpine-librdkafka"];

    private static readonly Lazy<Api> Functions = new(Bind);

    public static Api Native => Functions.Value;

    private static Api Bind()
    {
        // Touching the version makes Confluent.Kafka load and initialise its native library first.
        _ = Confluent.Kafka.Library.Version;
        var assembly = typeof(Confluent.Kafka.Library).Assembly;
        foreach (var name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, assembly, null, out var handle)
                && NativeLibrary.TryGetExport(handle, "rd_kafka_mock_cluster_new", out _))
            {
                return new Api(handle);
            }
        }
        throw new DllNotFoundException(
            "No librdkafka build with the mock cluster API could be loaded; is the librdkafka.redist package present?");
    }

    internal sealed class Api(IntPtr library)
    {
        public readonly delegate* unmanaged[Cdecl]<IntPtr> ConfNew =
            (delegate* unmanaged[Cdecl]<IntPtr>)NativeLibrary.GetExport(library, "rd_kafka_conf_new");

        public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, byte*, nuint, int> ConfSet =
            (delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, byte*, nuint, int>)NativeLibrary.GetExport(library, "rd_kafka_conf_set");

        public readonly delegate* unmanaged[Cdecl]<int, IntPtr, byte*, nuint, IntPtr> New =
            (delegate* unmanaged[Cdecl]<int, IntPtr, byte*, nuint, IntPtr>)NativeLibrary.GetExport(library, "rd_kafka_new");

        public readonly delegate* unmanaged[Cdecl]<IntPtr, void> Destroy =
            (delegate* unmanaged[Cdecl]<IntPtr, void>)NativeLibrary.GetExport(library, "rd_kafka_destroy");

        public readonly delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> ClusterNew =
            (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)NativeLibrary.GetExport(library, "rd_kafka_mock_cluster_new");

        public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ClusterDestroy =
            (delegate* unmanaged[Cdecl]<IntPtr, void>)NativeLibrary.GetExport(library, "rd_kafka_mock_cluster_destroy");

        public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> ClusterBootstraps =
            (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)NativeLibrary.GetExport(library, "rd_kafka_mock_cluster_bootstraps");

        public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, int> TopicCreate =
            (delegate* unmanaged[Cdecl]<IntPtr, byte*, int, int, int>)NativeLibrary.GetExport(library, "rd_kafka_mock_topic_create");

        public readonly delegate* unmanaged[Cdecl]<IntPtr, int, int> BrokerSetDown =
            (delegate* unmanaged[Cdecl]<IntPtr, int, int>)NativeLibrary.GetExport(library, "rd_kafka_mock_broker_set_down");

        public readonly delegate* unmanaged[Cdecl]<IntPtr, int, int> BrokerSetUp =
            (delegate* unmanaged[Cdecl]<IntPtr, int, int>)NativeLibrary.GetExport(library, "rd_kafka_mock_broker_set_up");
    }
}
