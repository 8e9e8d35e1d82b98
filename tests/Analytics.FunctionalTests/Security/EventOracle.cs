using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Analytics.FunctionalTests.Security;

/// <summary>An event as the contract says the grid must store it: what was sent, the site in lower case, the page derived.</summary>
public sealed record StoredEvent(
    string Id, string Type, string Site, string Visitor, string? Url, string? Page, string? Referrer, double? Value,
    long? Timestamp, IReadOnlyDictionary<string, string> Props)
{
    public override string ToString() =>
        $"{Type} {Site} visitor={Visitor} id={Id} url={Url} page={Page} referrer={Referrer} value={Value} ts={Timestamp} props={{{string.Join(", ", Props.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}}}";
}

/// <summary>
/// An independent reading of the event contract (METRICS.md §1 and the README's added limits): what any body the API
/// accepts must satisfy, with the contract's length limits written here as numbers, and what each accepted event must
/// be stored as. It shares neither the API's parser nor its validator nor its constants, so a rule the API forgets
/// shows up here. Lengths count UTF-16 units, as JSON text and the tracker's JavaScript do.
/// </summary>
public static partial class EventOracle
{
    private static readonly HashSet<string> Fields = new(StringComparer.OrdinalIgnoreCase)
        { "id", "type", "site", "visitor", "url", "referrer", "ts", "value", "name", "userAgent", "props" };
    private static readonly HashSet<string> Types = ["page_view", "click", "conversion", "custom"];

    /// <summary>Why the body is no valid request, or null when it may be one; with the events as they must be stored.</summary>
    public static string? Check(byte[] body, out List<StoredEvent> events)
    {
        events = [];
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
            var elements = root.ValueKind switch
            {
                JsonValueKind.Object => [root],
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                _ => null,
            };
            if (elements is null || elements.Count is 0 or > 1000) return "neither an event nor a batch of 1 to 1000";
            try
            {
                foreach (var e in elements)
                {
                    if (CheckEvent(e, out var stored) is { } problem) return problem;
                    events.Add(stored!);
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

    private static string? CheckEvent(JsonElement e, out StoredEvent? stored)
    {
        stored = null;
        if (e.ValueKind != JsonValueKind.Object) return "an element is no object";
        var names = e.EnumerateObject().Select(p => p.Name).ToList();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count) return "a field appears twice";
        if (names.FirstOrDefault(n => !Fields.Contains(n)) is { } unknown) return $"unknown field {unknown}";
        string? Text(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool Absent(string name) => !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null;
        bool Fits(string? text, int min, int max) => text is not null && text.Length >= min && text.Length <= max && !text.Any(char.IsControl);

        var id = Text("id");
        if (!Fits(id, 1, 64)) return "id is no text of 1 to 64 characters without control characters";
        var type = Text("type");
        if (type is null || !Types.Contains(type)) return "type is none of the four";
        var site = Text("site");
        if (site is null || site.Length > 253 || !Host().IsMatch(site)) return "site is no ASCII host name of at most 253 characters";
        var visitor = Text("visitor");
        if (!Fits(visitor, 1, 128)) return "visitor is no text of 1 to 128 characters without control characters";
        string? url = null;
        if (type == "page_view" || !Absent("url"))
        {
            url = Text("url");
            if (url is null || url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                return "url is no absolute http(s) URL of at most 2048 characters";
        }
        var referrer = Text("referrer");
        if (!Absent("referrer") && (referrer is null || referrer.Length > 2048)) return "referrer is no text of at most 2048 characters";
        long? ts = null;
        if (!Absent("ts"))
        {
            var t = e.GetProperty("ts");
            if (t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms) && ms >= 0) ts = ms;
            else if (t.ValueKind != JsonValueKind.String) return "ts is neither text nor whole non-negative milliseconds";
        }
        double? value = null;
        if (!Absent("value"))
        {
            if (type != "conversion" || e.GetProperty("value").ValueKind != JsonValueKind.Number) return "value is no number of a conversion";
            value = e.GetProperty("value").GetDouble();
        }
        if (!Absent("name") && (type != "custom" || !Fits(Text("name"), 1, 64))) return "name is no text of 1 to 64 characters of a custom event";
        if (!Absent("userAgent") && !Fits(Text("userAgent"), 0, 512)) return "userAgent is no text of at most 512 characters";
        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Absent("props"))
        {
            var element = e.GetProperty("props");
            if (element.ValueKind != JsonValueKind.Object) return "props is no object";
            var entries = element.EnumerateObject().ToList();
            if (entries.Count > 32) return "props has more than 32 entries";
            foreach (var p in entries)
            {
                if (!Fits(p.Name, 1, 64)) return "a props key is no text of 1 to 64 characters without control characters";
                if (p.Value.ValueKind == JsonValueKind.String ? !Fits(p.Value.GetString(), 0, 256) : p.Value.ValueKind != JsonValueKind.Number)
                    return "a props value is neither text of at most 256 characters without control characters nor a number";
                props[p.Name] = p.Value.ValueKind == JsonValueKind.String
                    ? p.Value.GetString()!
                    : double.Parse(p.Value.GetRawText(), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
            }
        }
        stored = new StoredEvent(id!, type, site.ToLowerInvariant(), visitor!, url, url is null ? null : ContractPage.Of(url), referrer, value, ts, props);
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9.-]{1,253}$")]
    private static partial Regex Host();
}
