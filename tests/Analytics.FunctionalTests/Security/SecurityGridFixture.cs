using Analytics.FunctionalTests.Infrastructure;

namespace Analytics.FunctionalTests.Security;

/// <summary>A one-silo grid for tests that put APIs of their own configuration in front of it.</summary>
public sealed class SecurityGridFixture : IAsyncLifetime
{
    public GridHost Grid { get; private set; } = null!;

    public async Task InitializeAsync() => Grid = await GridHost.StartAsync(silos: 1);

    public async Task DisposeAsync() => await Grid.DisposeAsync();
}
