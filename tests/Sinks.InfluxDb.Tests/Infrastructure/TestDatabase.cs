using Analytics.Testing;
using Analytics.Sinks.InfluxDb.Query;

namespace Analytics.Sinks.InfluxDb.Tests.Infrastructure;

/// <summary>A database of its own on the shared InfluxDB, dropped afterwards, so tests can run side by side.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(InfluxDbOptions options)
    {
        Options = options;
        Connection = new InfluxDbConnection(options);
    }

    public InfluxDbOptions Options { get; }

    public InfluxDbConnection Connection { get; }

    public InfluxQueryClient Query => Connection.Query;

    public string Name => Options.Database;

    /// <summary>Options for a fresh database named after nothing else; the plain 'autogen' policy unless configured otherwise.</summary>
    public static InfluxDbOptions NewOptions(string? url = null) => new()
    {
        Url = url ?? TestServers.InfluxDb,
        Database = "t_" + Guid.NewGuid().ToString("N")[..16],
        RetentionPolicy = "autogen",
        CreateSchema = false,
    };

    /// <summary>Creates the database; with <paramref name="bootstrap"/>, through the schema bootstrapper instead.</summary>
    public static async Task<TestDatabase> CreateAsync(Action<InfluxDbOptions>? configure = null, bool bootstrap = false)
    {
        var options = NewOptions();
        if (bootstrap)
        {
            options.RetentionPolicy = InfluxDbOptions.DEFAULT_RETENTION_POLICY;
            options.CreateSchema = true;
        }
        configure?.Invoke(options);
        var database = new TestDatabase(options);
        if (bootstrap)
            await database.Connection.Schema!.EnsureAsync();
        else
            await database.Query.QueryAsync($"CREATE DATABASE {InfluxQl.Identifier(options.Database)}", database: "");
        return database;
    }

    /// <summary>Runs a query against this database with bound parameters.</summary>
    public Task<InfluxQueryResult> SelectAsync(string query, IReadOnlyDictionary<string, object?>? parameters = null) =>
        Query.QueryAsync(query, parameters);

    public async ValueTask DisposeAsync()
    {
        await Query.QueryAsync($"DROP DATABASE {InfluxQl.Identifier(Name)}", database: "");
        Connection.Dispose();
    }
}
