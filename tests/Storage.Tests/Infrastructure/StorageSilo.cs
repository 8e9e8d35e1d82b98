using Analytics.Testing;
using Analytics.Storage.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace Analytics.Storage.Tests.Infrastructure;

/// <summary>
/// One silo over a fresh scripted database, with the ADO.NET grain storage registered twice:
/// once as the grid uses it, and once with DeleteStateOnClear, which runs DeleteStorageKey.
/// </summary>
public sealed class StorageSilo : IAsyncLifetime
{
    public const string DeletingStorageName = "postgres-deleting";

    private readonly ScriptedDatabase _database = new();

    public TestSilo Silo { get; private set; } = null!;

    public OrleansGrainStorageSerializer Serializer => new(Silo.Services.GetRequiredService<Serializer>());

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Silo = await TestSilo.StartAsync(_database.ConnectionString, $"storage-{Guid.NewGuid():N}", silo =>
        {
            AddStorage(silo, TallyGrain.StorageName, deleteStateOnClear: false);
            AddStorage(silo, DeletingStorageName, deleteStateOnClear: true);
        });
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    public IGrainStorage Storage(string name) => Silo.Services.GetRequiredKeyedService<IGrainStorage>(name);

    /// <summary>The row a tally grain's state is stored in, read past the provider; null when there is none.</summary>
    public async Task<(int Version, byte[]? Payload)?> StoredRowAsync(long tallyKey)
    {
        await using var connection = await TestPostgres.OpenAsync(_database.ConnectionString);
        await using var command = new NpgsqlCommand(
            """
            SELECT Version, PayloadBinary FROM OrleansStorage
            WHERE ServiceId = @service AND GrainTypeString = @state AND GrainIdN0 = 0 AND GrainIdN1 = @key
            """,
            connection);
        command.Parameters.AddWithValue("service", TestSilo.ServiceId);
        command.Parameters.AddWithValue("state", TallyGrain.StateName);
        command.Parameters.AddWithValue("key", tallyKey);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : (byte[])reader[1]);
    }

    private void AddStorage(ISiloBuilder silo, string name, bool deleteStateOnClear) =>
        silo.AddAdoNetGrainStorage(name, options => options.Configure<Serializer>((storage, serializer) =>
        {
            storage.Invariant = TestPostgres.Invariant;
            storage.ConnectionString = _database.ConnectionString;
            storage.DeleteStateOnClear = deleteStateOnClear;
            // Orleans' own binary format instead of the JSON default: smaller rows, and the same
            // [GenerateSerializer] contracts the grains already version on the wire.
            storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
}
