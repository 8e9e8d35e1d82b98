using System.Text.Json;
using Microsoft.Playwright;

namespace Analytics.EndToEndTests.Live;

/// <summary>
/// What a person reads off the dashboard, read in one go: each card's text and raw value (the page keeps it in
/// <c>data-value</c>, and <c>data-final</c> says whether it can still change), the top pages tables, the hub
/// connection and the error banner. Dashboard/README.md lists the <c>data-testid</c>s.
/// </summary>
public sealed record DashboardReading(
    string Connection, string? Error, Dictionary<string, DashboardCard> Cards, List<DashboardRow> TopPages, List<DashboardRow> LiveTopPages)
{
    private const string Script = """
        () => {
          const byId = (id) => document.querySelector(`[data-testid="${id}"]`);
          const card = (id) => { const el = byId(id); return { text: el.textContent, value: el.dataset.value ?? '', final: el.dataset.final ?? null }; };
          const rows = (id) => [...document.querySelectorAll(`[data-testid="${id}"]`)].map((row) => ({
            page: row.querySelector('[data-testid="top-page-path"]').textContent,
            views: Number(row.querySelector('[data-testid="top-page-views"]').dataset.value),
          }));
          const ids = ['visitors', 'total-page-views', 'page-views-latest', 'active-users-latest', 'conversion-rate-latest',
            'avg-session-duration-latest', 'bounce-rate-latest', 'total-sessions'];
          const error = byId('error-banner');
          return JSON.stringify({
            connection: byId('connection-state').dataset.state,
            error: error.hidden ? null : error.textContent,
            cards: Object.fromEntries(ids.map((id) => [id, card(id)])),
            topPages: rows('top-page-row'),
            liveTopPages: rows('top-page-live-row'),
          });
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<DashboardReading> ReadAsync(IPage page) =>
        JsonSerializer.Deserialize<DashboardReading>(await page.EvaluateAsync<string>(Script), Json)!;

    /// <summary>
    /// A chart's series exactly as it holds them to draw (<c>data-plotted</c>: times, then final and provisional values, null
    /// where nothing is drawn), read off the chart itself; empty before its first drawing.
    /// </summary>
    public static async Task<double?[][]> PlottedAsync(IPage page, string metric)
    {
        var plotted = await page.EvaluateAsync<string?>(
            "(id) => document.querySelector(`[data-testid=\"${id}\"] .plot`)?.dataset.plotted ?? null", $"chart-{metric}");
        return plotted is null ? [] : JsonSerializer.Deserialize<double?[][]>(plotted, Json)!;
    }

    public DashboardCard this[string testId] => Cards[testId];

    /// <summary>The card's raw value as a number, or null when the card shows none.</summary>
    public double? ValueOf(string testId) => double.TryParse(Cards[testId].Value, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    public override string ToString() => JsonSerializer.Serialize(this, Json);
}

public sealed record DashboardCard(string Text, string Value, string? Final);

public sealed record DashboardRow(string Page, long Views);
