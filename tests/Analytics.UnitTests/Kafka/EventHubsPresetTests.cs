using Analytics.Streaming.Kafka;
using Confluent.Kafka;
using Orleans.Runtime;

namespace Analytics.UnitTests.Kafka;

/// <summary>Kafka:EventHubsConnectionString: the client settings it fills in, and the start-up check that names it.</summary>
public sealed class EventHubsPresetTests
{
    private const string ConnectionString =
        "Endpoint=sb://grid-events.servicebus.windows.net/;SharedAccessKeyName=grid;SharedAccessKey=placeholder-not-a-key";

    [Fact]
    public void The_connection_string_fills_in_the_kafka_endpoint_sasl_plain_the_request_limit_and_gzip()
    {
        var options = Preset(new KafkaStreamOptions { EventHubsConnectionString = ConnectionString });

        var producer = KafkaClientConfig.Producer(options);
        Assert.Equal("grid-events.servicebus.windows.net:9093", producer.BootstrapServers);
        Assert.Equal(SecurityProtocol.SaslSsl, producer.SecurityProtocol);
        Assert.Equal(SaslMechanism.Plain, producer.SaslMechanism);
        Assert.Equal("$ConnectionString", producer.SaslUsername);
        Assert.Equal(ConnectionString, producer.SaslPassword);
        Assert.Equal(CompressionType.Gzip, producer.CompressionType);
        Assert.Equal(1_000_000, producer.MessageMaxBytes);
        Assert.Equal(180_000, producer.MetadataMaxAgeMs);
        Assert.Equal(180_000, producer.ConnectionsMaxIdleMs);
        // The grid's own guarantees stay as they are.
        Assert.Equal(Acks.All, producer.Acks);
        Assert.True(producer.EnableIdempotence);

        foreach (ClientConfig client in new ClientConfig[] { KafkaClientConfig.Consumer(options), KafkaClientConfig.Admin(options) })
        {
            Assert.Equal(producer.BootstrapServers, client.BootstrapServers);
            Assert.Equal(SecurityProtocol.SaslSsl, client.SecurityProtocol);
            Assert.Equal(ConnectionString, client.SaslPassword);
        }
        Validator(options).ValidateConfiguration();
    }

    [Fact]
    public void Without_a_connection_string_nothing_changes()
    {
        var producer = KafkaClientConfig.Producer(Preset(new KafkaStreamOptions { BootstrapServers = "broker:9092" }));
        Assert.Equal("broker:9092", producer.BootstrapServers);
        Assert.Equal(CompressionType.Snappy, producer.CompressionType);
        Assert.Null(producer.SecurityProtocol);
        Assert.Null(producer.SaslPassword);
    }

    [Theory]
    [InlineData("grid-events.servicebus.windows.net:9093", "EventHubsConnectionString")]
    [InlineData("Endpoint=https://grid-events.servicebus.windows.net/;SharedAccessKeyName=grid;SharedAccessKey=k", "EventHubsConnectionString")]
    [InlineData("Endpoint=sb://grid-events.servicebus.windows.net/", "EventHubsConnectionString")]
    public void A_wrong_connection_string_stops_start_up_naming_the_setting(string connectionString, string setting)
    {
        var options = Preset(new KafkaStreamOptions { EventHubsConnectionString = connectionString });
        var error = Assert.Throws<OrleansConfigurationException>(() => Validator(options).ValidateConfiguration());
        Assert.Contains(setting, error.Message);
    }

    [Theory]
    [InlineData("lz4", 16384, "Compression")]
    [InlineData("gzip", 2_000_000, "BatchSize")]
    public void Settings_event_hubs_refuses_stop_start_up_naming_them(string compression, int batchSize, string setting)
    {
        var options = Preset(new KafkaStreamOptions { EventHubsConnectionString = ConnectionString, Compression = compression, BatchSize = batchSize });
        var error = Assert.Throws<OrleansConfigurationException>(() => Validator(options).ValidateConfiguration());
        Assert.Contains($": {setting} must", error.Message);
    }

    private static KafkaStreamOptions Preset(KafkaStreamOptions options)
    {
        EventHubsPreset.Apply(options);
        return options;
    }

    private static KafkaStreamOptionsValidator Validator(KafkaStreamOptions options) => new(options, "grid");
}
