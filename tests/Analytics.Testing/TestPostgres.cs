using System.Data.Common;
using System.Diagnostics;
using Npgsql;

namespace Analytics.Testing;

/// <summary>
/// The PostgreSQL server that deploy/local/services.sh runs, and the project's scripts for it.
/// Every test works in a database of its own, so runs never see each other's rows.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "ANALYTICS_TEST_POSTGRES";

    /// <summary>The ADO.NET invariant the Orleans providers look the driver up by.</summary>
    public const string Invariant = "Npgsql";

    private static readonly TimeSpan ScriptDeadline = TimeSpan.FromSeconds(60);

    // The providers find the driver through DbProviderFactories, which knows none on .NET
    // until one is registered; every test reaches the server through this class first.
    static TestPostgres() => DbProviderFactories.RegisterFactory(Invariant, NpgsqlFactory.Instance);

    /// <summary>The server the tests use. Its absence fails them: a skipped storage test proves nothing.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: run deploy/test.sh (or deploy/local/services.sh start) and export what `deploy/local/services.sh env` prints.");

    /// <summary>Creates an empty database with a name no other run uses and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"storage_tests_{purpose}_{Guid.NewGuid():N}"[..50];
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        // Pooled connections would keep the database busy; FORCE ends any the pool no longer owns.
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Runs deploy/postgres/apply.sh, the same entry point a deployment uses, against a database.</summary>
    public static async Task ApplyScriptsAsync(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList =
            {
                Path.Combine(RepositoryRoot, "deploy", "postgres", "apply.sh"),
                "-h", target.Host!, "-p", target.Port.ToString(), "-U", target.Username!, "-d", target.Database!,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (target.Password is { Length: > 0 } password) start.Environment["PGPASSWORD"] = password;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(ScriptDeadline);
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"apply.sh exited with {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = await OpenAsync(ServerConnectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "deploy", "postgres", "apply.sh"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No deploy/postgres/apply.sh above {AppContext.BaseDirectory}.");
    }
}
