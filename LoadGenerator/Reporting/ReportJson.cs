using System.Text.Json;
using System.Text.Json.Serialization;

namespace Analytics.LoadGenerator.Reporting;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RunReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

public static class ReportJson
{
    public static string Serialize(RunReport report) => JsonSerializer.Serialize(report, ReportJsonContext.Default.RunReport);
}
