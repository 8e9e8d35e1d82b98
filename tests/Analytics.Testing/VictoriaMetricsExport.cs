using System.Text.Json;

namespace Analytics.Testing;

/// <summary>Reads samples back from VictoriaMetrics through <c>/api/v1/export</c> (it has no InfluxQL).</summary>
public static class VictoriaMetricsExport
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, long TimestampMs);

    /// <summary>Every sample of the series whose name starts with <paramref name="prefix"/> (letters, digits and '_' only).</summary>
    public static async Task<IReadOnlyList<Sample>> ReadAsync(string url, string prefix)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url + "/") };
        // Recently written rows become searchable only after a flush; this asks for one now.
        (await http.GetAsync("internal/force_flush")).EnsureSuccessStatusCode();
        var match = $"{{__name__=~\"{prefix}.*\"}}";
        using var response = await http.PostAsync("api/v1/export", new FormUrlEncodedContent([new("match[]", match)]));
        response.EnsureSuccessStatusCode();
        var samples = new List<Sample>();
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var labels = json.RootElement.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            var name = labels["__name__"];
            labels.Remove("__name__");
            var values = json.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
            var times = json.RootElement.GetProperty("timestamps").EnumerateArray().Select(t => t.GetInt64()).ToList();
            samples.AddRange(values.Select((v, i) => new Sample(name, labels, v, times[i])));
        }
        return samples;
    }
}
