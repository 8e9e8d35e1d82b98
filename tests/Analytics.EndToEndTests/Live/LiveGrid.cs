using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.EndToEndTests.Infrastructure;

namespace Analytics.EndToEndTests.Live;

/// <summary>The grid as separate processes, with the API serving the dashboard and the tracker built from Dashboard/.</summary>
public static class LiveGrid
{
    public static string DashboardPath { get; } = Path.Combine(Repository.Root, "Dashboard", "dist");

    /// <param name="api">More settings of the API process.</param>
    public static Task<ProcessGrid> StartAsync(IDictionary<string, string>? api = null)
    {
        foreach (var file in new[] { "index.html", "tracker.js" })
        {
            // deploy/test.sh builds it before the tests run; a missing build fails here rather than as an empty page.
            Assert.True(File.Exists(Path.Combine(DashboardPath, file)),
                $"{Path.Combine(DashboardPath, file)} is missing: build the dashboard (cd Dashboard && npm ci && npm run build)");
        }
        var settings = new Dictionary<string, string>(api ?? new Dictionary<string, string>()) { ["Dashboard:Path"] = DashboardPath };
        return ProcessGrid.StartAsync(api: settings);
    }

    /// <summary>A site of its own for each test, so nothing another test sent is counted.</summary>
    public static string NewSite(string name) => $"{name}-{Guid.NewGuid():N}.example.com";

    /// <summary>The events the grid counted for a site, as <c>GET /api/sites</c> tells (0 before the first).</summary>
    public static async Task<long> EventsOfAsync(ProcessGrid grid, string site)
    {
        var sites = await grid.Http.GetFromJsonAsync<JsonObject>($"{grid.ApiUrl}/api/sites");
        return sites!["sites"]!.AsArray().Where(s => (string)s!["site"]! == site).Select(s => (long)s!["events"]!).FirstOrDefault();
    }
}
