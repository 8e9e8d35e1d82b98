namespace Analytics.FunctionalTests.Infrastructure;

/// <summary>One grid shared by the tests of a class that do not disturb it.</summary>
public sealed class GridFixture : IAsyncLifetime
{
    public GridHost Grid { get; private set; } = null!;

    public async Task InitializeAsync() => Grid = await GridHost.StartAsync();

    public async Task DisposeAsync() => await Grid.DisposeAsync();
}
