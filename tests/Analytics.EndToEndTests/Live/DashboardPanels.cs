using System.Text.Json;
using Microsoft.Playwright;

namespace Analytics.EndToEndTests.Live;

/// <summary>
/// One audience panel of the dashboard as a person reads it, read in one go: the dimension and the filters its table
/// says it answers (<c>data-dimension</c>, <c>data-filters</c>), whether it has loaded, and its rows' values and
/// visitors. Dashboard/README.md lists the <c>data-testid</c>s.
/// </summary>
public sealed record PanelReading(string? Dimension, string? Filters, bool Loaded, List<PanelRow> Rows)
{
    private const string Script = """
        (panel) => {
          const table = document.querySelector(`[data-testid="panel-${panel}"] [data-testid="breakdown"]`);
          if (!table) return JSON.stringify({ dimension: null, filters: null, loaded: false, rows: [] });
          return JSON.stringify({
            dimension: table.dataset.dimension,
            filters: table.dataset.filters,
            loaded: table.dataset.loaded === 'true',
            rows: [...table.querySelectorAll('[data-testid="breakdown-row"]')].map((row) => ({
              value: row.querySelector('[data-testid="breakdown-value"]').textContent,
              visitors: Number(row.querySelector('[data-testid="breakdown-visitors"]').dataset.value),
            })),
          });
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="panel">The panel's name as <c>GET /api/dimensions</c> gives it: <c>sources</c>, <c>devices</c>, ….</param>
    public static async Task<PanelReading> ReadAsync(IPage page, string panel) =>
        JsonSerializer.Deserialize<PanelReading>(await page.EvaluateAsync<string>(Script, panel), Json)!;

    /// <summary>Whether the table shows <paramref name="rows"/> of <paramref name="dimension"/>, answered for <paramref name="filters"/> (the <c>filters=</c> text).</summary>
    public bool Shows(string dimension, string filters, IEnumerable<PanelRow> rows) =>
        Loaded && Dimension == dimension && Filters == filters && Rows.SequenceEqual(rows);

    public override string ToString() => JsonSerializer.Serialize(this, Json);
}

public sealed record PanelRow(string Value, long Visitors);
