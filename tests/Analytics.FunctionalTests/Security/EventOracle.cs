using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.FunctionalTests.Security;

/// <summary>
/// An independent, deliberately lenient reading of the event contract (METRICS.md §1): what any body the API
/// accepts must satisfy. It does not share the API's parser or validator, so a rule the API forgets shows up here.
/// </summary>
public static partial class EventOracle
{
    private static readonly HashSet<string> Fields = new(StringComparer.OrdinalIgnoreCase) { "id", "type", "site", "visitor", "url", "referrer", "ts", "value", "props" };
    private static readonly HashSet<string> Types = ["page_view", "click", "conversion", "custom"];

    /// <summary>Why the body is no valid request, or null when it may be one; with its sites and the pages its page views count.</summary>
    public static string? Check(byte[] body, out List<string> sites, out List<(string Site, string Page)> pageViews)
    {
        sites = [];
        pageViews = [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return "not JSON: " + e.Message;
        }
        using (document)
        {
            var root = document.RootElement;
            var events = root.ValueKind switch
            {
                JsonValueKind.Object => [root],
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                _ => null,
            };
            if (events is null || events.Count is 0 or > EventRules.MaxEventsPerRequest) return "neither an event nor a batch of 1 to 1000";
            try
            {
                foreach (var e in events)
                {
                    if (CheckEvent(e, pageViews) is { } problem) return problem;
                    sites.Add(e.GetProperty("site").GetString()!.ToLowerInvariant());
                }
            }
            catch (InvalidOperationException e)
            {
                // Text that is no valid UTF-16 once unescaped (a lone surrogate such as "\ud800").
                return "invalid text: " + e.Message;
            }
            return null;
        }
    }

    private static string? CheckEvent(JsonElement e, List<(string Site, string Page)> pageViews)
    {
        if (e.ValueKind != JsonValueKind.Object) return "an element is no object";
        var names = e.EnumerateObject().Select(p => p.Name).ToList();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count) return "a field appears twice";
        if (names.FirstOrDefault(n => !Fields.Contains(n)) is { } unknown) return $"unknown field {unknown}";
        string? Text(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool Absent(string name) => !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null;

        var id = Text("id");
        if (id is not { Length: > 0 } || id.Any(char.IsControl)) return "id is no non-empty text without control characters";
        var type = Text("type");
        if (type is null || !Types.Contains(type)) return "type is none of the four";
        var site = Text("site");
        if (site is null || !Host().IsMatch(site)) return "site is no ASCII host name";
        var visitor = Text("visitor");
        if (visitor is not { Length: > 0 } || visitor.Any(char.IsControl)) return "visitor is no non-empty text without control characters";
        if (type == "page_view" || !Absent("url"))
        {
            var url = Text("url");
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                return "url is no absolute http(s) URL";
            if (type == "page_view") pageViews.Add((site.ToLowerInvariant(), PagePath.Of(uri)));
        }
        if (!Absent("referrer") && Text("referrer") is null) return "referrer is no text";
        if (!Absent("ts") && e.GetProperty("ts") is var ts && ts.ValueKind != JsonValueKind.String && !(ts.ValueKind == JsonValueKind.Number && ts.TryGetInt64(out var ms) && ms >= 0))
            return "ts is neither text nor whole non-negative milliseconds";
        if (!Absent("value") && (type != "conversion" || e.GetProperty("value").ValueKind != JsonValueKind.Number)) return "value is no number of a conversion";
        if (!Absent("props"))
        {
            var props = e.GetProperty("props");
            if (props.ValueKind != JsonValueKind.Object) return "props is no object";
            var entries = props.EnumerateObject().ToList();
            if (entries.Count > EventRules.PropsMaxEntries) return "props has too many entries";
            foreach (var p in entries)
            {
                if (p.Name.Length == 0 || p.Name.Any(char.IsControl)) return "a props key is empty or has control characters";
                if (p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()!.Any(char.IsControl) : p.Value.ValueKind != JsonValueKind.Number)
                    return "a props value is neither text without control characters nor a number";
            }
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9.-]{1,253}$")]
    private static partial Regex Host();
}
