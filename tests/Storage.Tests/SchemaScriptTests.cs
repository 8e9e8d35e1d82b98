using Analytics.Testing;
using Analytics.Storage.Tests.Infrastructure;
using Npgsql;

namespace Analytics.Storage.Tests;

public sealed class SchemaScriptTests
{
    [Fact]
    public async Task Applying_the_scripts_twice_to_a_fresh_database_stores_exactly_the_queries_the_providers_use()
    {
        var database = await TestPostgres.CreateDatabaseAsync("schema");
        try
        {
            await TestPostgres.ApplyScriptsAsync(database);
            await TestPostgres.ApplyScriptsAsync(database);

            var expected = ProviderQueryKeys.ClusteringRequired
                .Append(ProviderQueryKeys.ClusteringRowCleanup)
                .Concat(ProviderQueryKeys.Persistence)
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, await StoredQueryKeysAsync(database));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public void The_packages_still_ask_for_the_queries_the_scripts_were_written_against()
    {
        Assert.Equal(
            [
                "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
                "InsertMembershipKey", "InsertMembershipVersionKey", "MembershipReadAllKey",
                "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
            ],
            ProviderQueryKeys.ClusteringRequired.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["ClearStorageKey", "DeleteStorageKey", "ReadFromStorageKey", "WriteToStorageKey"],
            ProviderQueryKeys.Persistence.Order(StringComparer.Ordinal));
    }

    private static async Task<List<string>> StoredQueryKeysAsync(string database)
    {
        await using var connection = await TestPostgres.OpenAsync(database);
        await using var command = new NpgsqlCommand(
            "SELECT QueryKey FROM OrleansQuery WHERE length(trim(QueryText)) > 0 ORDER BY QueryKey COLLATE \"C\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        return keys;
    }
}
