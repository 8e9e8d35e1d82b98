using Analytics.Testing;
using Analytics.Storage.Tests.Infrastructure;
using Npgsql;

namespace Analytics.Storage.Tests;

public sealed class ClusterMembershipTests(ScriptedDatabase database) : IClassFixture<ScriptedDatabase>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Two_silos_form_one_cluster_and_a_stopped_silo_is_marked_dead()
    {
        // Membership rows outlive their silos, so each test gets a cluster of its own.
        var clusterId = $"membership-{Guid.NewGuid():N}";
        var silos = await Task.WhenAll(
            TestSilo.StartAsync(database.ConnectionString, clusterId),
            TestSilo.StartAsync(database.ConnectionString, clusterId));
        await using var survivor = silos[0];
        await using var leaver = silos[1];

        foreach (var silo in silos)
        {
            await Eventually.Get(
                () => Task.FromResult(ActiveSilos(silo)), active => active.Count == 2, Deadline,
                $"silo {silo.Address} to see both silos active");
        }

        Assert.Equal(SiloStatus.Active, await StatusInTableAsync(clusterId, survivor.Address));
        Assert.Equal(SiloStatus.Active, await StatusInTableAsync(clusterId, leaver.Address));

        var leaverAddress = leaver.Address;
        await leaver.StopAsync();

        await Eventually.Get(
            () => StatusInTableAsync(clusterId, leaverAddress), status => status == SiloStatus.Dead, Deadline,
            $"the membership row of {leaverAddress} to say Dead");
        await Eventually.Get(
            () => Task.FromResult(survivor.Membership.GetSiloStatus(leaverAddress)), status => status == SiloStatus.Dead, Deadline,
            $"the surviving silo to see {leaverAddress} as dead");
        Assert.Equal([survivor.Address], ActiveSilos(survivor));
    }

    private static List<SiloAddress> ActiveSilos(TestSilo silo) =>
        silo.Membership.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => member.SiloAddress)
            .ToList();

    private async Task<SiloStatus> StatusInTableAsync(string clusterId, SiloAddress silo)
    {
        await using var connection = await TestPostgres.OpenAsync(database.ConnectionString);
        await using var command = new NpgsqlCommand(
            """
            SELECT Status FROM OrleansMembershipTable
            WHERE DeploymentId = @cluster AND Address = @address AND Port = @port AND Generation = @generation
            """,
            connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("address", silo.Endpoint.Address.ToString());
        command.Parameters.AddWithValue("port", silo.Endpoint.Port);
        command.Parameters.AddWithValue("generation", silo.Generation);
        return await command.ExecuteScalarAsync() is int status ? (SiloStatus)status : SiloStatus.None;
    }
}
