using System.Text.Json;
using Microsoft.Playwright;

namespace Analytics.EndToEndTests.Live;

/// <summary>
/// The dashboard's goals table and funnel as a person reads them, read in one go: each goal's visitors, conversions,
/// conversion rate, revenue and change (raw values from <c>data-value</c>), and each funnel step's visitors, ratios and
/// drop-off. Dashboard/README.md lists the <c>data-testid</c>s.
/// </summary>
public sealed record GoalsReading(List<GoalReading> Goals, string? Funnel, List<FunnelStepReading> Steps)
{
    private const string Script = """
        () => {
          const number = (el, id) => { const v = el.querySelector(`[data-testid="${id}"]`)?.dataset.value; return v === undefined || v === '' ? null : Number(v); };
          const goals = [...document.querySelectorAll('[data-testid="goal-row"]')].map((row) => {
            const change = row.querySelector('[data-testid="goal-visitors-change"]');
            return {
              name: row.dataset.goal,
              visitors: number(row, 'goal-visitors'),
              conversions: number(row, 'goal-conversions'),
              conversionRate: number(row, 'goal-conversion-rate'),
              revenue: number(row, 'goal-revenue'),
              change: change && !change.hidden ? change.textContent : null,
            };
          });
          const list = document.querySelector('[data-testid="funnel-steps"]');
          const steps = [...list.querySelectorAll('[data-testid="funnel-step"]')].map((step) => ({
            goal: step.dataset.goal,
            visitors: number(step, 'funnel-step-visitors'),
            fromPrevious: number(step, 'funnel-step-from-previous'),
            fromFirst: number(step, 'funnel-step-from-first'),
            dropOff: number(step, 'funnel-step-drop-off'),
          }));
          return JSON.stringify({ goals, funnel: list.dataset.funnel ?? null, steps });
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<GoalsReading> ReadAsync(IPage page) =>
        JsonSerializer.Deserialize<GoalsReading>(await page.EvaluateAsync<string>(Script), Json)!;

    public override string ToString() => JsonSerializer.Serialize(this, Json);
}

public sealed record GoalReading(string Name, long? Visitors, long? Conversions, double? ConversionRate, double? Revenue, string? Change);

public sealed record FunnelStepReading(string Goal, long? Visitors, double? FromPrevious, double? FromFirst, long? DropOff);
