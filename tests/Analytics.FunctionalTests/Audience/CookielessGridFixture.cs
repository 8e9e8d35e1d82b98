using Analytics.FunctionalTests.Infrastructure;
using Analytics.FunctionalTests.Security;

namespace Analytics.FunctionalTests.Audience;

/// <summary>
/// A one-silo grid whose own API has cookieless visitors off (the default), and a second API in front of it with them
/// on, whose requests may name the address they come from.
/// </summary>
public sealed class CookielessGridFixture : IAsyncLifetime
{
    public static readonly Dictionary<string, string?> On = new() { ["Visitors:Cookieless"] = "true" };

    public GridHost Grid { get; private set; } = null!;

    public SecuredApi Cookieless { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Grid = await GridHost.StartAsync(silos: 1);
        Cookieless = SecuredApi.Start(Grid, On);
    }

    public async Task DisposeAsync()
    {
        await Cookieless.DisposeAsync();
        await Grid.DisposeAsync();
    }
}
