using Analytics.Testing;
namespace Analytics.Storage.Tests.Infrastructure;

/// <summary>A fresh database with the project's scripts applied, for the tests of one class.</summary>
public sealed class ScriptedDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("scripted");
        await TestPostgres.ApplyScriptsAsync(ConnectionString);
    }

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(ConnectionString);
}
