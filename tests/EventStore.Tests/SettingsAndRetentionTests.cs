using Analytics.EventStore.DuckDb;
using Analytics.EventStore.Hosting;
using Analytics.Reference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Analytics.EventStore.Tests;

public sealed class SettingsAndRetentionTests
{
    [Theory]
    [InlineData("Provider", "Cassandra", "EventStore:Provider")]
    [InlineData("RetentionDays", "-1", "EventStore:RetentionDays")]
    [InlineData("DuckDbPath", " ", "EventStore:DuckDbPath")]
    public void A_wrong_setting_is_named_at_start_up(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"EventStore:{key}"] = value }).Build();
        using var services = new ServiceCollection().AddEventStore(configuration).BuildServiceProvider();
        var e = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<EventStoreOptions>>().Value);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Postgres_needs_a_connection_string() =>
        Assert.Contains("EventStore:ConnectionString", Assert.Single(new EventStoreOptions { Provider = EventStoreProvider.Postgres }.Problems()));

    [Fact]
    public async Task Retention_deletes_the_older_events_and_the_answers_follow()
    {
        var directory = Directory.CreateTempSubdirectory("eventstore-retention-").FullName;
        try
        {
            var log = StoreFixture.Log;
            var cutoff = AudienceLog.Start + 24 * 3_600_000L;
            await using (var store = new DuckDbEventStore(Path.Combine(directory, "events.duckdb")))
            {
                await store.InitializeAsync();
                await StoreFixture.Fill(store, log.Stored);
                Assert.Equal(log.Events.Count(e => e.Timestamp < cutoff), await store.DeleteOlderThanAsync(cutoff));
                var kept = new ReferenceBreakdown(log.Events.Where(e => e.Timestamp >= cutoff), AudienceLog.SessionGapMs);
                Assert.Equal(kept.Visitors("*", 0, long.MaxValue, []), await store.VisitorsAsync("*", 0, long.MaxValue, []));
                Assert.Equal(0, await store.DeleteOlderThanAsync(cutoff));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
