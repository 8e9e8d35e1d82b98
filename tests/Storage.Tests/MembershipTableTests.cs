using Analytics.Testing;
using System.Net;
using Analytics.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace Analytics.Storage.Tests;

/// <summary>
/// The membership provider's contract, driven directly: these are the races and the clean-up
/// paths that two well-behaved silos never exercise, each checked against the stored rows.
/// </summary>
public sealed class MembershipTableTests(ScriptedDatabase database) : IClassFixture<ScriptedDatabase>
{
    // Whole milliseconds: the table keeps microseconds and the suspect list keeps milliseconds.
    private static readonly DateTime Started = new(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    [Fact]
    public async Task Membership_changes_apply_only_at_the_version_they_were_read_at()
    {
        var clusterId = NewClusterId();
        var table = await OpenTableAsync(database.ConnectionString, clusterId);
        var first = Entry(11111, SiloStatus.Joining);
        var second = Entry(11112, SiloStatus.Joining);

        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        Assert.Equal(new TableVersion(0, "0"), empty.Version);

        Assert.True(await table.InsertRowAsync(first, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(second, empty.Version.Next()));
        var afterInsert = await table.ReadAllAsync();
        Assert.Equal(1, afterInsert.Version.Version);
        Assert.False(await table.InsertRowAsync(first, afterInsert.Version.Next()));
        Assert.Equal(afterInsert.Version, (await table.ReadAllAsync()).Version);

        first.Status = SiloStatus.Active;
        first.SuspectTimes = [Tuple.Create(second.SiloAddress, Started.AddSeconds(1))];
        Assert.False(await table.UpdateRowAsync(first, empty.Version.VersionEtag, empty.Version.Next()));
        Assert.True(await table.UpdateRowAsync(first, afterInsert.Version.VersionEtag, afterInsert.Version.Next()));

        first.IAmAliveTime = Started.AddMinutes(1);
        await table.UpdateIAmAliveAsync(first);

        var row = await table.ReadRowAsync(first.SiloAddress);
        var (stored, etag) = Assert.Single(row.Members);
        Assert.Equal("2", etag);
        Assert.Equal(2, row.Version.Version);
        Assert.Equal(first.ToFullString(), stored.ToFullString());
        Assert.Equal(first.SuspectTimes, stored.SuspectTimes);

        var absent = await table.ReadRowAsync(second.SiloAddress);
        Assert.Empty(absent.Members);
        Assert.Equal(row.Version, absent.Version);
    }

    [Fact]
    public async Task Clients_find_only_active_silos_as_gateways()
    {
        var clusterId = NewClusterId();
        var table = await OpenTableAsync(database.ConnectionString, clusterId);
        var active = Entry(11121, SiloStatus.Active);
        var joining = Entry(11122, SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(active, new TableVersion(0, "0").Next()));
        Assert.True(await table.InsertRowAsync(joining, new TableVersion(1, "1").Next()));

        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = TestPostgres.Invariant, ConnectionString = database.ConnectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = TestSilo.ServiceId }));
        await gateways.InitializeGatewayListProviderAsync();

        Assert.Equal([SiloAddress.New(IPAddress.Loopback, active.ProxyPort, active.SiloAddress.Generation).ToGatewayUri()], await gateways.GetGatewaysAsync());
    }

    [Fact]
    public async Task Clean_up_removes_silos_long_dead_and_keeps_the_rest()
    {
        var table = await OpenTableAsync(database.ConnectionString, NewClusterId());
        await AssertCleanUpKeepsOnlyLivingSilos(table);
    }

    [Fact]
    public async Task Without_the_row_by_row_query_the_bulk_clean_up_removes_the_same_silos()
    {
        var fallback = await TestPostgres.CreateDatabaseAsync("cleanup");
        try
        {
            await TestPostgres.ApplyScriptsAsync(fallback);
            await using (var connection = await TestPostgres.OpenAsync(fallback))
            await using (var command = new NpgsqlCommand(
                $"DELETE FROM OrleansQuery WHERE QueryKey = '{ProviderQueryKeys.ClusteringRowCleanup}'", connection))
            {
                Assert.Equal(1, await command.ExecuteNonQueryAsync());
            }

            await AssertCleanUpKeepsOnlyLivingSilos(await OpenTableAsync(fallback, NewClusterId()));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(fallback);
        }
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_rows_and_no_other()
    {
        var doomed = NewClusterId();
        var kept = NewClusterId();
        foreach (var clusterId in new[] { doomed, kept })
        {
            var table = await OpenTableAsync(database.ConnectionString, clusterId);
            Assert.True(await table.InsertRowAsync(Entry(11141, SiloStatus.Active), new TableVersion(0, "0").Next()));
        }

        await (await OpenTableAsync(database.ConnectionString, doomed)).DeleteMembershipTableEntriesAsync(doomed);

        Assert.Equal((0, 0), await CountRowsAsync(doomed));
        Assert.Equal((1, 1), await CountRowsAsync(kept));
    }

    private static async Task AssertCleanUpKeepsOnlyLivingSilos(AdoNetClusteringTable table)
    {
        var dead = Entry(11131, SiloStatus.Dead);
        dead.SuspectTimes = [Tuple.Create(SiloAddress.New(IPAddress.Loopback, 11132, 1), Started.AddSeconds(30))];
        var active = Entry(11133, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(dead, new TableVersion(0, "0").Next()));
        // Inserts take no suspect list; the update that marks a silo dead brings it.
        Assert.True(await table.UpdateRowAsync(dead, "1", new TableVersion(1, "1").Next()));
        Assert.True(await table.InsertRowAsync(active, new TableVersion(2, "2").Next()));

        await table.CleanupDefunctSiloEntriesAsync(Started.AddMinutes(10));

        var remaining = await table.ReadAllAsync();
        Assert.Equal([active.SiloAddress], remaining.Members.Select(member => member.Item1.SiloAddress));
    }

    private async Task<(long Members, long Versions)> CountRowsAsync(string clusterId)
    {
        await using var connection = await TestPostgres.OpenAsync(database.ConnectionString);
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = @cluster),
                   (SELECT count(*) FROM OrleansMembershipVersionTable WHERE DeploymentId = @cluster)
            """,
            connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<AdoNetClusteringTable> OpenTableAsync(string connectionString, string clusterId)
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = TestSilo.ServiceId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = TestPostgres.Invariant, ConnectionString = connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    private static MembershipEntry Entry(int port, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
        SiloName = $"silo-{port}",
        HostName = "storage-tests",
        Status = status,
        ProxyPort = port + 1000,
        StartTime = Started,
        IAmAliveTime = Started,
    };

    private static string NewClusterId() => $"table-{Guid.NewGuid():N}";
}
