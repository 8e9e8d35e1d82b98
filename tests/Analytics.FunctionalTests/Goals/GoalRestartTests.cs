using System.Net;
using Analytics.FunctionalTests.Infrastructure;

namespace Analytics.FunctionalTests.Goals;

/// <summary>
/// Definitions live in the event store, not in a grain's memory: after every silo is killed and a new cluster starts
/// on the same store (the DuckDB file outlives the silos, as a server's disk would), a site's goals and funnels are
/// the ones it had.
/// </summary>
public sealed class GoalRestartTests : IAsyncLifetime
{
    private GridHost _grid = null!;

    public async Task InitializeAsync() => _grid = await GridHost.StartAsync(silos: 1);

    public async Task DisposeAsync() => await _grid.DisposeAsync();

    [Fact]
    public async Task Goals_and_funnels_survive_a_restart_of_every_silo_and_a_later_change_starts_from_them()
    {
        var site = GoalRequests.NewSite();
        await _grid.Http.PutAsync($"/api/sites/{site}/goals/pricing", """{"page":"/pricing*"}""");
        await _grid.Http.PutAsync($"/api/sites/{site}/goals/signup", """{"event":"signup","props":{"plan":"pro","seats":3}}""");
        await _grid.Http.PutAsync($"/api/sites/{site}/funnels/checkout", """{"steps":["pricing","signup","purchase"]}""");
        var goals = await _grid.Http.GetStringAsync($"/api/sites/{site}/goals");
        var funnels = await _grid.Http.GetStringAsync($"/api/sites/{site}/funnels");

        await _grid.KillAllSilosAndRestartAsync();

        Assert.Equal(goals, await _grid.Http.GetStringAsync($"/api/sites/{site}/goals"));
        Assert.Equal(funnels, await _grid.Http.GetStringAsync($"/api/sites/{site}/funnels"));
        Assert.Contains("\"seats\":\"3\"", goals);
        Assert.Equal(HttpStatusCode.Conflict, (await _grid.Http.DeleteAsync($"/api/sites/{site}/goals/signup")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _grid.Http.PutAsync($"/api/sites/{site}/goals/pricing", """{"page":"/plans*"}""")).StatusCode);
    }
}
