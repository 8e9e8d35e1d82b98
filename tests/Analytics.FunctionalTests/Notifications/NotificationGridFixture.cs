using Analytics.FunctionalTests.Infrastructure;

namespace Analytics.FunctionalTests.Notifications;

/// <summary>
/// A one-silo grid whose notices retry quickly (0.2 s, 0.4 s, …) and wait a minute for an answer, so a receiver that
/// never answers holds its delivery for the whole test.
/// </summary>
public sealed class NotificationGridFixture : IAsyncLifetime
{
    public GridHost Grid { get; private set; } = null!;

    public async Task InitializeAsync() => Grid = await GridHost.StartAsync(silos: 1, settings: new Dictionary<string, string?>
    {
        ["Notifications:FirstRetryDelay"] = "00:00:00.200",
        ["Notifications:Timeout"] = "00:01:00",
    });

    public async Task DisposeAsync() => await Grid.DisposeAsync();
}
