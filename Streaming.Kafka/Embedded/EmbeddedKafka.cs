using System.Runtime.InteropServices;
using System.Text;

namespace Analytics.Streaming.Kafka.Embedded;

/// <summary>
/// An in-memory Kafka cluster inside this process: librdkafka's mock cluster. It speaks the real
/// protocol on loopback, so any client, in this process or another, connects by
/// <see cref="BootstrapServers"/>. It is a development broker: it keeps about 5 MiB per partition,
/// has no CreateTopics API (topics are made with <see cref="CreateTopic"/>), and loses everything
/// when the process exits.
/// </summary>
public sealed unsafe class EmbeddedKafka : IDisposable
{
    private const int ProducerType = 0;
    private readonly LibrdkafkaMock.Api _native = LibrdkafkaMock.Native;
    private IntPtr _client;
    private IntPtr _cluster;

    private EmbeddedKafka(int brokers)
    {
        // The mock cluster lives on the background thread of a librdkafka handle; a producer handle that
        // never produces is the lightest host for it.
        var conf = _native.ConfNew();
        Set(conf, "log_level", "3");
        var error = stackalloc byte[512];
        _client = _native.New(ProducerType, conf, error, 512);
        if (_client == IntPtr.Zero)
            throw new InvalidOperationException($"librdkafka could not create the mock cluster's host: {Marshal.PtrToStringUTF8((IntPtr)error)}");
        _cluster = _native.ClusterNew(_client, brokers);
        if (_cluster == IntPtr.Zero)
            throw new InvalidOperationException("librdkafka could not create a mock cluster.");
        BootstrapServers = Marshal.PtrToStringUTF8(_native.ClusterBootstraps(_cluster))!;
        Brokers = brokers;
    }

    public string BootstrapServers { get; }

    public int Brokers { get; }

    public static EmbeddedKafka Start(int brokers = 1) => new(brokers);

    /// <summary>Creates a topic; creating one that exists already is harmless.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        var name = Utf8(topic);
        fixed (byte* p = name)
        {
            var error = _native.TopicCreate(_cluster, p, partitions, Math.Min(replicationFactor, Brokers));
            if (error != 0 && error != 36 /* TOPIC_ALREADY_EXISTS */)
                throw new InvalidOperationException($"The mock cluster refused topic '{topic}' (error {error}).");
        }
    }

    /// <summary>Takes a broker down (connections refused) or up again: for fault tests.</summary>
    public void SetBrokerDown(int brokerId, bool down)
    {
        var error = down ? _native.BrokerSetDown(_cluster, brokerId) : _native.BrokerSetUp(_cluster, brokerId);
        if (error != 0) throw new InvalidOperationException($"The mock cluster refused to change broker {brokerId} (error {error}).");
    }

    public void Dispose()
    {
        if (_cluster != IntPtr.Zero) _native.ClusterDestroy(_cluster);
        if (_client != IntPtr.Zero) _native.Destroy(_client);
        _cluster = _client = IntPtr.Zero;
    }

    private void Set(IntPtr conf, string name, string value)
    {
        var error = stackalloc byte[256];
        fixed (byte* n = Utf8(name), v = Utf8(value))
        {
            if (_native.ConfSet(conf, n, v, error, 256) != 0)
                throw new InvalidOperationException($"librdkafka refused {name}={value}: {Marshal.PtrToStringUTF8((IntPtr)error)}");
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");
}
