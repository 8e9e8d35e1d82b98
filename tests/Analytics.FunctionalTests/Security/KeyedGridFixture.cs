using Analytics.FunctionalTests.Infrastructure;

namespace Analytics.FunctionalTests.Security;

/// <summary>A one-silo grid with an API that needs <see cref="SecuredApi.Key"/> and serves a stand-in web dashboard.</summary>
public sealed class KeyedGridFixture : IAsyncLifetime
{
    private readonly string _dashboard = Directory.CreateTempSubdirectory("dashboard-").FullName;

    public GridHost Grid { get; private set; } = null!;

    public SecuredApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dashboard, "index.html"), "<!doctype html><title>dashboard</title>");
        await File.WriteAllTextAsync(Path.Combine(_dashboard, "tracker.js"), "/* tracker */");
        Grid = await GridHost.StartAsync(silos: 1);
        Api = SecuredApi.Start(Grid, new Dictionary<string, string?>
        {
            ["Access:Keys:0"] = "another-key-0123456789",
            ["Access:Keys:1"] = SecuredApi.Key,
            ["Dashboard:Path"] = _dashboard,
        });
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Grid.DisposeAsync();
        Directory.Delete(_dashboard, recursive: true);
    }
}
