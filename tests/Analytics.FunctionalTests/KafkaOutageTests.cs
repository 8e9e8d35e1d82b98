using Analytics.Testing;
using System.Net;
using System.Text.Json.Nodes;
using Analytics.FunctionalTests.Infrastructure;

namespace Analytics.FunctionalTests;

/// <summary>No 2xx for an event Kafka does not hold: when it cannot take events the answer is 503 with Retry-After.</summary>
public sealed class KafkaOutageTests
{
    [Fact]
    public async Task Ingestion_answers_503_with_retry_after_while_kafka_is_down_and_recovers_by_itself()
    {
        await using var grid = await GridHost.StartAsync(settings: new Dictionary<string, string?> { ["Kafka:DeliveryTimeout"] = "00:00:02" });
        const string Site = "outage.example.com";
        var batch = new JsonArray(TestEvents.PageView("o-1", Site, "v1"), TestEvents.PageView("o-2", Site, "v2"));

        SharedKafka.Broker.SetBrokerDown(1, down: true);
        HttpResponseMessage refused;
        try
        {
            refused = await grid.Http.PostAsync(batch);
        }
        finally
        {
            SharedKafka.Broker.SetBrokerDown(1, down: false);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Contains("0 of 2 events are durable", (string)problem["detail"]!);
        Assert.Equal([0, 1], problem["notDurable"]!.AsArray().Select(i => (int)i!));

        // Kafka is back: the same request now succeeds, and the events count once.
        var accepted = await Eventually.Get(() => grid.Http.PostAsync(batch), r => r.StatusCode == HttpStatusCode.Accepted, TimeSpan.FromSeconds(30), "Kafka to take events again");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var counts = await Eventually.Get(() => grid.Http.SiteCountsAsync(), c => c.GetValueOrDefault(Site) == 2, TimeSpan.FromSeconds(60), "the two events");
        Assert.Equal(2, counts[Site]);
    }
}
