using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Grains.Interfaces.Goals;

namespace Analytics.EventStore.Goals;

/// <summary>
/// A site's definitions as the stores keep them: one JSON text per site. Text, not PostgreSQL's jsonb, because jsonb
/// reorders object keys and props must come back in the order they were written; arrays keep the funnel steps' order.
/// </summary>
internal static class GoalsJson
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Write(SiteGoals goals) => JsonSerializer.Serialize(goals, Options);

    public static SiteGoals Read(string json) => JsonSerializer.Deserialize<SiteGoals>(json, Options) ?? SiteGoals.None;
}
