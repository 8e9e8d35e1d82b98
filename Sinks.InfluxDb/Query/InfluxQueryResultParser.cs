using System.Text.Json;
using Analytics.Sinks.InfluxDb.Errors;

namespace Analytics.Sinks.InfluxDb.Query;

/// <summary>Reads InfluxDB 1.x's JSON answer: <c>results[].series[]{name,tags,columns,values}</c>, with errors per statement.</summary>
internal static class InfluxQueryResultParser
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    public static InfluxQueryResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
            throw InfluxErrors.ForStatement(0, error.ToString());
        var statements = new List<InfluxStatementResult>();
        if (root.TryGetProperty("results", out var results))
        {
            foreach (var result in results.EnumerateArray())
                statements.Add(ParseStatement(result, statements.Count));
        }
        return new InfluxQueryResult(statements);
    }

    private static InfluxStatementResult ParseStatement(JsonElement result, int position)
    {
        var id = result.TryGetProperty("statement_id", out var sid) ? sid.GetInt32() : position;
        if (result.TryGetProperty("error", out var error))
            throw InfluxErrors.ForStatement(id, error.ToString());
        var series = new List<InfluxSeries>();
        if (result.TryGetProperty("series", out var list))
        {
            foreach (var item in list.EnumerateArray())
                series.Add(ParseSeries(item));
        }
        var partial = result.TryGetProperty("partial", out var p) && p.ValueKind == JsonValueKind.True;
        return new InfluxStatementResult(id, series, partial);
    }

    private static InfluxSeries ParseSeries(JsonElement item)
    {
        var name = item.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        var tags = NoTags;
        if (item.TryGetProperty("tags", out var t))
            tags = t.EnumerateObject().ToDictionary(tag => tag.Name, tag => tag.Value.GetString() ?? "", StringComparer.Ordinal);
        var columns = item.TryGetProperty("columns", out var c) ? c.EnumerateArray().Select(col => col.GetString() ?? "").ToList() : [];
        var rows = new List<IReadOnlyList<object?>>();
        if (item.TryGetProperty("values", out var values))
        {
            foreach (var row in values.EnumerateArray())
                rows.Add(row.EnumerateArray().Select(ToValue).ToList());
        }
        return new InfluxSeries(name, tags, columns, rows);
    }

    private static object? ToValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? (object)whole : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
