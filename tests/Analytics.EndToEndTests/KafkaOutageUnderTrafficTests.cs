using Analytics.EndToEndTests.Infrastructure;
using Analytics.Grains.Interfaces.Events;
using Analytics.Reference;
using Analytics.Testing;

namespace Analytics.EndToEndTests;

/// <summary>
/// Kafka goes down for 30 s while a site sends 1,000 events/s: the API answers 503 instead of 202, the client sends those
/// events again, the silos' consumers ride out the outage, and in the end every event the API accepted counts once.
/// </summary>
public sealed class KafkaOutageUnderTrafficTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long SessionGap = 30 * 60_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    // The test that found consumers never fetching again after the outage (README, "Fixed on 2026-12-04"). The feed logs at
    // Debug here, so a failing run's process logs show librdkafka's own account of its connections.
    [Fact]
    public async Task Every_event_accepted_before_during_and_after_a_kafka_outage_counts_once()
    {
        await using var grid = await ProcessGrid.StartAsync(silos: 2, settings: new Dictionary<string, string>
        {
            ["Kafka:DeliveryTimeout"] = "00:00:02",
            ["Logging:LogLevel:Analytics.Streaming.Kafka.Providers.PartitionFeed"] = "Debug",
        });
        var traffic = new LiveTraffic(seed: 5, sites: 4, visitorsPerSite: 500);
        await using var watch = ApiWindows.Watch(grid, traffic.SitesAndAll);
        var sender = new OrderedSender(grid.Http, grid.ApiUrl);
        var down = false;
        try
        {
            await sender.SendAsync(traffic, elapsed =>
            {
                if (!down && elapsed >= TimeSpan.FromSeconds(10)) SharedKafka.Broker.SetBrokerDown(1, down = true);
                if (down && elapsed >= TimeSpan.FromSeconds(10) + Outage) SharedKafka.Broker.SetBrokerDown(1, down = false);
                return Task.FromResult(elapsed < Outage + TimeSpan.FromSeconds(20));
            }, Deadline);
        }
        finally
        {
            if (down) SharedKafka.Broker.SetBrokerDown(1, down: false);
        }

        Assert.True(sender.Refusals > 0, "the API never answered 503 during the outage");
        Assert.All(grid.Silos, s => Assert.False(s.HasExited, $"{s.Name} died in the outage"));
        var (counted, late) = ReferenceLateness.Judge(sender.Accepted, ProcessGrid.Partitions, maxOutOfOrdernessMs: 2000, allowedLatenessMs: 0);
        output.WriteLine($"{sender.Accepted.Count} accepted after {sender.Refusals} refusals; {counted.Count} counted, {late.Count} late");
        await Eventually.Get(() => ApiWindows.CountedAsync(grid), n => n == counted.Count, Deadline, $"{counted.Count} events counted");

        var expected = ReferenceMetrics.Compute(counted, SessionGap);
        await ApiWindows.AssertEqualToReferenceAsync(grid, expected, counted, Deadline);
        var wrongFinals = FinalWindowWatch.WrongFinals(await watch.StopAsync(), expected.Named());
        Assert.True(wrongFinals.Count == 0, string.Join(Environment.NewLine, wrongFinals.Take(30)));
    }
}
