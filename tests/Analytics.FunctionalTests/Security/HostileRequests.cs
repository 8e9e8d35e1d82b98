using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.FunctionalTests.Security;

/// <summary>
/// Builds hostile requests to ingestion and the query API from one seed, so that a run can be repeated exactly:
/// malformed JSON, wrong types, huge strings and numbers, control characters, line-protocol and SQL metacharacters,
/// deep nesting, Unicode oddities, odd content types and headers, fields at and one past their length limits, and bad
/// query parameters with no key, a wrong one or the right one. About one in eight is a valid event that carries hostile
/// text where the contract allows it (ids, visitors, pages, props), which must be accepted and stored as sent.
/// </summary>
public sealed class HostileRequests(int seed, IReadOnlyList<string> sites, string key, string allowedOrigin, DateTimeOffset now)
{
    private const string Raw = "__raw__";

    private static readonly string[] LineProtocol =
        [",", " ", "=", "\\", "\"", "a,b=c d", "m,tag=x value=1 1", "page_views,site=x value=1i", "\\,", "x\\", "\\\\", "=,= ,"];

    private static readonly string[] Sql =
        ["'", "' OR '1'='1", "'; DROP DATABASE analytics; --", "\"; DROP MEASUREMENT page_views; --", "/* */", "$site", "\\'", ") OR (1=1", "%27", "' UNION SELECT *", ";", "--"];

    private static readonly string[] Unicode =
        ["\u202Eevil", "zero\u200Bwidth", "\uFEFFbom", "e\u0301", "😀", "\uFFFF", "ＡＢＣ", "ß", "İ", "ЖЖЖ", "\u00A0", "ﷺ", "𝔘𝔫𝔦"];

    private static readonly string[] Controls = ["\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u001b", "\u001f", "\u007f", "\u0085", "\u2028", "\u2029"];

    private static readonly string[] PathPieces =
        ["a,b", "x=y", "it's", "drop;--", "q\"t", "sp ace", "back\\slash", "%2C", "%27", "ünï", "😀", "a b=c,d", "DROP MEASUREMENT page_views",
         "' OR '1'='1", "$page", "m,t=v f=1 1", "\\,", "..", ".", "semi;colon", "=eq", "comma,", "%E2%80%AE", "*", "~user", "a+b", "(x)"];

    private static readonly string[] WrongValues =
        ["0", "-1", "1.5", "1e300", "true", "false", "null", "\"\"", "\"x\"", "[]", "[1,\"a\"]", "{}", "{\"a\":1}", "\"2026-01-01\"", "-0", "[[[]]]"];

    private static readonly string[] HugeNumbers =
        ["1e309", "-1e309", "123456789012345678901234567890", "1" + new string('0', 400), "0." + new string('0', 400) + "1", "9223372036854775807",
         "9223372036854775808", "-9223372036854775809", "1E+400", "4.9e-325", "253402300800000", "-253402300799999"];

    private static readonly string[] Malformed =
        ["", " ", "{", "}", "[", "]", "[{]", "{\"id\":}", "{\"id\" \"a\"}", "{'id':'a'}", "{\"id\":\"a\",}", "[1,]", "{\"id\":NaN}", "{\"id\":Infinity}",
         "{\"id\":undefined}", "// c\n{}", "/* c */{}", "{\"a\":1}{\"b\":2}", "nul", "tru", "\"unterminated", "{\"id\":\"\\x41\"}", "{\"id\":\"\\u12\"}",
         "{\"id\":01}", "{\"id\":-}", "{\"id\":1.}", "{\"id\":.5}", "{\"id\":+1}", "{\"id\":0x10}", "null", "0", "\"event\"", "true", "[null]", "[[]]"];

    private static readonly string[] ContentTypes =
        ["application/xml", "text/html", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/x-www-form-urlencoded",
         "", "*/*", "application/jsonp", "text/plain; charset=\"'\"", "application/json;;;", "application/json; charset=latin1", "text/plain",
         "application/JSON", "application/problem+json", "application/json, text/plain"];

    private static readonly string[] Metrics = ["page_views", "active_users", "conversion_rate", "avg_session_duration", "sessions", "bounce_rate"];

    private readonly Random _random = new(seed);
    private readonly JsonSerializerOptions _relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private int _index;

    public HostileRequest Next()
    {
        var i = _index++;
        return _random.Next(100) switch
        {
            < 10 => MalformedJson(i),
            < 22 => WrongTypes(i),
            < 29 => HugeValues(i),
            < 36 => ControlCharacters(i),
            < 44 => Metacharacters(i),
            < 49 => DeepNesting(i),
            < 55 => UnicodeOddities(i),
            < 60 => OddContent(i),
            < 72 => ValidHostile(i),
            < 76 => Boundary(i),
            _ => Query(i),
        };
    }

    private HostileRequest ValidHostile(int i)
    {
        var count = _random.Next(4) == 0 ? _random.Next(2, 6) : 1;
        JsonNode body = count == 1 ? ValidEvent(i, 0) : new JsonArray([.. Enumerable.Range(0, count).Select(j => (JsonNode)ValidEvent(i, j))]);
        return Ingest($"valid-hostile #{i}", Serialize(body), mustBeAccepted: true);
    }

    /// <summary>A valid event whose free-text fields are full of metacharacters; no ts, so it counts now.</summary>
    private JsonObject ValidEvent(int i, int j)
    {
        var site = Pick(sites);
        site = new string([.. site.Select(c => _random.Next(4) == 0 ? char.ToUpperInvariant(c) : c)]);
        var type = _random.Next(10) switch { < 7 => "page_view", 7 => "click", 8 => "custom", _ => "conversion" };
        var e = new JsonObject
        {
            ["id"] = Fit($"v{i}-{j}-{Hostile()}", EventRules.IdMaxLength),
            ["type"] = type,
            ["site"] = site,
            ["visitor"] = Fit($"visitor-{_random.Next(50)}-{Hostile()}", EventRules.VisitorMaxLength),
        };
        if (type == "page_view" || _random.Next(2) == 0) e["url"] = HostileUrl(site);
        if (_random.Next(3) == 0) e["referrer"] = Fit("https://ref.example.org/" + Hostile() + Hostile(), EventRules.ReferrerMaxLength);
        if (type == "conversion" && _random.Next(2) == 0) e["value"] = Math.Round(_random.NextDouble() * 1000, 2);
        if (_random.Next(5) < 2)
        {
            var props = new JsonObject();
            for (var p = _random.Next(1, 6); p > 0; p--)
                props[Fit($"k{p}{Hostile()}", EventRules.PropKeyMaxLength)] = _random.Next(3) == 0 ? _random.Next() : Fit(Hostile() + Hostile(), EventRules.PropValueMaxLength);
            e["props"] = props;
        }
        return e;
    }

    private string HostileUrl(string site)
    {
        while (true)
        {
            var path = string.Join('/', Enumerable.Range(0, _random.Next(1, 5)).Select(_ => Pick(PathPieces)));
            var url = $"https://{site}/{path}" + (_random.Next(4) == 0 ? "/" : "") + (_random.Next(4) == 0 ? "?q=" + Uri.EscapeDataString(Hostile()) : "");
            if (url.Length <= EventRules.UrlMaxLength && PagePath.TryParseUrl(url, out _)) return url;
        }
    }

    private HostileRequest MalformedJson(int i)
    {
        var valid = Encoding.UTF8.GetBytes(Serialize(ValidEvent(i, 0)));
        byte[] body = _random.Next(6) switch
        {
            0 => valid[.._random.Next(valid.Length)],
            1 => Replace(valid, _random.Next(valid.Length), (byte)"{}[],:\"'\\"[_random.Next(9)]),
            2 => Replace(valid, _random.Next(valid.Length), (byte)_random.Next(256)),
            3 => Encoding.UTF8.GetBytes(Pick(Malformed)),
            4 => RandomBytes(_random.Next(1, 200)),
            // Invalid UTF-8 inside a string value, and a byte order mark before the JSON.
            _ => _random.Next(2) == 0 ? Encoding.UTF8.GetBytes("{\"id\":\"a").Concat(Pick<byte[]>([[0xC3, 0x28], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80]])).Concat("\",\"type\":\"click\",\"site\":\"a.com\",\"visitor\":\"v\"}"u8.ToArray()).ToArray()
                : [0xEF, 0xBB, 0xBF, .. valid],
        };
        return Ingest($"malformed-json #{i}", body);
    }

    private HostileRequest WrongTypes(int i)
    {
        var e = ValidEvent(i, 0);
        var raw = new List<string>();
        for (var n = _random.Next(1, 4); n > 0; n--)
        {
            var field = Pick(["id", "type", "site", "visitor", "url", "referrer", "ts", "value", "props", "props.k", "ID", "extra"]);
            if (field == "props.k") e["props"] = new JsonObject { ["k"] = Raw };
            else e[field] = Raw;
            raw.Add(Pick(WrongValues));
        }
        return Ingest($"wrong-types #{i}", WithRaw(Serialize(e), raw));
    }

    private HostileRequest HugeValues(int i)
    {
        var e = ValidEvent(i, 0);
        var field = Pick(["id", "type", "site", "visitor", "url", "referrer", "ts", "value", "props"]);
        switch (_random.Next(6))
        {
            case 0 or 1:
                var size = Pick([300, 5_000, 70_000, 300_000]);
                var text = new StringBuilder(size + 64);
                while (text.Length < size) text.Append(Hostile());
                var huge = Fit(text.ToString(), size);
                e[field] = field == "url" ? $"https://{sites[0]}/{huge}" : field == "props" ? new JsonObject { ["k"] = huge } : huge;
                return Ingest($"huge-string #{i}", Serialize(e));
            case 2 or 3:
                e[field] = Raw;
                return Ingest($"huge-number #{i}", WithRaw(Serialize(e), [Pick(HugeNumbers)]));
            case 4:
                var props = new JsonObject();
                for (var p = 0; p < Pick([33, 1_000, 20_000]); p++) props[$"k{p}"] = p;
                e["props"] = props;
                return Ingest($"huge-props #{i}", Serialize(e));
            default:
                // Rarely: over the 1 MiB body limit, or a batch over 1,000 events.
                return _random.Next(2) == 0
                    ? Ingest($"huge-body #{i}", Encoding.UTF8.GetBytes(Serialize(new JsonObject { ["id"] = new string('x', 1_100_000) })))
                    : Ingest($"huge-batch #{i}", Serialize(new JsonArray([.. Enumerable.Range(0, 1_001).Select(j => (JsonNode)new JsonObject { ["id"] = $"b{j}" })])));
        }
    }

    private HostileRequest ControlCharacters(int i)
    {
        var e = ValidEvent(i, 0);
        var field = Pick(["id", "type", "site", "visitor", "url", "referrer", "props.key", "props.value"]);
        var control = Pick(Controls);
        string Insert(string s)
        {
            var at = _random.Next(s.Length + 1);
            // Never between the halves of a surrogate pair: the JSON would hold invalid UTF-16 instead of a control character.
            if (at > 0 && at < s.Length && char.IsLowSurrogate(s[at])) at--;
            return s[..at] + control + s[at..];
        }
        switch (field)
        {
            case "props.key": e["props"] = new JsonObject { [Insert("key")] = "v" }; break;
            case "props.value": e["props"] = new JsonObject { ["k"] = Insert("value") }; break;
            default: e[field] = Insert((string?)e[field] ?? "x"); break;
        }
        var json = Serialize(e);
        // Now and then the control character raw inside the JSON string, which JSON itself forbids.
        if (_random.Next(3) == 0 && control[0] < ' ')
            json = json.Replace($"\\u{(int)control[0]:X4}", control).Replace($"\\u{(int)control[0]:x4}", control).Replace(JsonShortEscape(control[0]), control);
        return Ingest($"control-characters #{i}", json);
    }

    private HostileRequest Metacharacters(int i)
    {
        var e = ValidEvent(i, 0);
        var field = Pick(["site", "type", "ts", "url", "id", "visitor", "value"]);
        var meta = Hostile();
        e[field] = field switch
        {
            "site" => Pick([$"shop.example.com{meta}", $"{meta}.example.com", "a b.com", "x'--.com", "a=b.com", "site\\.com", "a,b.com", "*", "..", "."]),
            "url" => Pick(["javascript:alert(1)", "https://exa mple.com/", "//evil.com/x", "http:/\\evil", "https://a.com/\n", $"https://{meta}/x", $"ftp://a.com/{meta}",
                "https://", "http://[::1", "https://a.com:99999/", $"data:text/html,{meta}"]),
            "value" => meta,
            _ => (field == "id" || field == "visitor" ? "" : (string?)e[field] ?? "") + meta,
        };
        return Ingest($"metacharacters #{i}", Serialize(e));
    }

    private HostileRequest DeepNesting(int i)
    {
        var depth = Pick([9, 50, 1_000, 100_000]);
        var body = _random.Next(4) switch
        {
            0 => new string('[', depth) + new string(']', depth),
            1 => "{\"id\":\"d\",\"type\":\"click\",\"site\":\"a.com\",\"visitor\":\"v\",\"props\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth + 1),
            2 => string.Concat(Enumerable.Repeat("{\"a\":", depth)),
            _ => new string('[', Math.Min(depth, 20)) + Serialize(ValidEvent(i, 0)) + new string(']', Math.Min(depth, 20)),
        };
        return Ingest($"deep-nesting #{i}", body);
    }

    private HostileRequest UnicodeOddities(int i)
    {
        var e = ValidEvent(i, 0);
        switch (_random.Next(5))
        {
            case 0:
                e["site"] = Pick(["shоp.example.com", "ЖЖЖ.com", "ＳＨＯＰ.com", "shop.example.com\u200B", "İstanbul.com", "ß.com", "shop.example.com\uFEFF", "xn--.com", "xn--80ak6aa92e.com"]);
                break;
            case 1:
                e[Pick(["id", "visitor", "referrer", "type"])] = Pick(Unicode) + Pick(Unicode);
                break;
            case 2:
                // Lone surrogates can only be written as escapes: no UTF-16 string holds them for a serializer to write.
                e["visitor"] = Raw;
                return Ingest($"unicode-surrogate #{i}", WithRaw(Serialize(e), [Pick(["\"\\ud800\"", "\"a\\udc00b\"", "\"\\udbff\\ud800\"", "\"\\u0000\""])]));
            case 3:
                return Ingest($"unicode-utf16 #{i}", Encoding.Unicode.GetBytes(Serialize(e)), contentType: "application/json; charset=utf-16");
            default:
                e["props"] = new JsonObject { [Pick(Unicode)] = Pick(Unicode) + Pick(Unicode) };
                break;
        }
        return Ingest($"unicode #{i}", Serialize(e));
    }

    private HostileRequest OddContent(int i)
    {
        var body = Encoding.UTF8.GetBytes(Serialize(ValidEvent(i, 0)));
        var headers = new List<KeyValuePair<string, string>>();
        switch (_random.Next(4))
        {
            case 0: headers.Add(new("Origin", Pick(["https://evil.example.net", "null", allowedOrigin + ".evil.net", "", "https://" + Hostile(), allowedOrigin]))); break;
            case 1: headers.Add(new("X-Forwarded-For", Pick(["1.2.3.4", "garbage", "::1, 10.0.0.1", "' OR 1=1", new string('9', 5000)]))); break;
            case 2: headers.Add(new("Authorization", Pick(["Bearer x", "Basic Og==", "Bearer " + new string('k', 10_000), "\u00ff\u00fe"]))); break;
            default: headers.Add(new("Content-Encoding", Pick(["gzip", "br", "deflate", "identity, gzip"]))); break;
        }
        var contentType = _random.Next(5) == 0 ? null : Pick(ContentTypes);
        return new HostileRequest($"odd-content #{i}", HttpMethod.Post, "/api/events", body, contentType, headers, MustBeAccepted: false);
    }

    private HostileRequest Query(int i)
    {
        var site = _random.Next(10) switch { < 4 => Pick(sites), 4 => "*", _ => Hostile() + (_random.Next(2) == 0 ? "" : Pick(Controls)) };
        var metric = _random.Next(10) < 6 ? Pick(Metrics) : Pick([.. Metrics.Select(m => m.ToUpperInvariant()), Hostile(), "top_pages", "", "%0A"]);
        var parameters = new List<(string Name, string Value)>();
        void Maybe(string name, string[] values)
        {
            if (_random.Next(2) == 0) parameters.Add((name, Pick(values)));
        }
        var minutes = now.ToUnixTimeMilliseconds();
        string[] times =
        [
            minutes.ToString(), (minutes - 600_000).ToString(), (minutes - 3 * 3_600_000).ToString(), (minutes - 2 * 86_400_000).ToString(),
            now.AddHours(-3).ToString("O"), now.AddMinutes(-5).ToString("O"), "0", "-1", long.MinValue.ToString(), long.MaxValue.ToString(),
            "9223372036854775808", "253402300799999", "253402300800000", "1e3", "", " ", "NaN", "2026-02-30T00:00:00Z", "yesterday",
            "' OR 1=1 --", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "١٢٣", "12 34", "+5", "0x10", Hostile(),
        ];
        string[] pages = ["/", "/a,b=c", "/it's", "/x' OR '1'='1", "/$page", "/\"", "/a b", "/" + Hostile(), "no-slash", "/" + new string('p', 3000), "//", "/%00", "/\u0000"];
        string path;
        switch (_random.Next(20))
        {
            case 0 or 1: path = "/api/sites"; break;
            case 2: path = "/api/pipeline"; break;
            case < 14:
                path = $"/api/sites/{Segment(site)}/metrics/{Segment(metric)}";
                Maybe("from", times);
                Maybe("to", times);
                if (_random.Next(3) == 0) parameters.Add(("page", Pick(pages)));
                break;
            default:
                path = $"/api/sites/{Segment(site)}/top-pages";
                Maybe("from", times);
                Maybe("to", times);
                Maybe("limit", ["1", "10", "100", "101", "0", "-1", "abc", "99999999999", "1e3", "", "2147483648", Hostile()]);
                break;
        }
        string WithQuery(List<(string Name, string Value)> query) =>
            query.Count == 0 ? path : path + "?" + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));
        var method = _random.Next(30) == 0 ? Pick([HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch]) : HttpMethod.Get;
        var bearer = new KeyValuePair<string, string>("Authorization", "Bearer " + key);
        var headers = new List<KeyValuePair<string, string>>();
        var credentials = new List<(string Name, string Value)>(parameters);
        KeyUse access;
        switch (_random.Next(20))
        {
            case 0: access = KeyUse.None; break;
            case 1: credentials.Add(("access_token", key)); access = KeyUse.Right; break;
            case 2:
                credentials.Add((Pick(["access_token", "key"]), Pick(["nope", key + "x", key[..^1], key.ToUpperInvariant(), Hostile()])));
                access = KeyUse.Wrong;
                break;
            case 3:
                headers.Add(new("Authorization", Pick(["Bearer", "Bearer ", "Basic " + key, "Token " + key, "Bearer " + key + "x", "Bearer " + key[..^1], "Bearer " + Hostile(),
                    "Bearer " + new string('k', 20_000), "Bearer" + key])));
                access = KeyUse.Wrong;
                break;
            case 4: headers.Add(new("Authorization", Pick(["Bearer " + key + " ", "bearer " + key, "BEARER " + key]))); access = KeyUse.Right; break;
            default: headers.Add(bearer); access = KeyUse.Right; break;
        }
        var twin = access == KeyUse.Right ? null
            : new HostileRequest($"query #{i} with the key", method, WithQuery(parameters), null, null, [bearer], MustBeAccepted: false, Access: KeyUse.Right);
        return new HostileRequest($"query #{i}", method, WithQuery(credentials), null, null, headers, MustBeAccepted: false, Access: access, KeyedTwin: twin);
    }

    /// <summary>
    /// A valid event with one field exactly at its length limit (which must be accepted) or one past it (which must be a
    /// 400 naming the field). The limits are the contract's numbers (METRICS.md §1, README's added limits), written here.
    /// </summary>
    private HostileRequest Boundary(int i)
    {
        var e = ValidEvent(i, 0);
        var over = _random.Next(2) == 0 ? 1 : 0;
        string field;
        switch (_random.Next(8))
        {
            case 0: field = "id"; e["id"] = Exactly($"b{i}-", 64 + over); break;
            case 1: field = "visitor"; e["visitor"] = Exactly($"visitor-{_random.Next(50)}-", 128 + over); break;
            case 2: field = "url"; e["url"] = Exactly($"https://{(string)e["site"]!}/{Pick(PathPieces)}/", 2048 + over, filler: 'u', hostile: false); break;
            case 3: field = "referrer"; e["referrer"] = Exactly("https://ref.example.org/", 2048 + over, filler: 'r'); break;
            case 4: field = "props"; e["props"] = new JsonObject { [Exactly("k", 64 + over)] = "v" }; break;
            case 5: field = "props"; e["props"] = new JsonObject { ["k"] = Exactly("", 256 + over) }; break;
            case 6:
                field = "props";
                e["props"] = new JsonObject([.. Enumerable.Range(0, 32 + over).Select(n => KeyValuePair.Create<string, JsonNode?>(Fit($"k{n}{Hostile()}", 64), n))]);
                break;
            default:
                // Four labels of at most 63 characters: 253 in all, or 254.
                field = "site";
                var site = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 57 + over)}-{i % 10}.t";
                e["site"] = site;
                if (e["url"] is not null) e["url"] = HostileUrl(site);
                break;
        }
        var label = $"{(over == 1 ? "over" : "at")}-limit {field} #{i}";
        return over == 1
            ? new HostileRequest(label, HttpMethod.Post, "/api/events", Encoding.UTF8.GetBytes(Serialize(e)), "application/json", [], MustBeAccepted: false, MustBeRejectedFor: field)
            : Ingest(label, Serialize(e), mustBeAccepted: true);
    }

    /// <summary>Text of exactly <paramref name="length"/> UTF-16 units: the prefix, hostile text, then the filler.</summary>
    private string Exactly(string prefix, int length, char filler = 'x', bool hostile = true)
    {
        var text = prefix + (hostile ? Hostile() : "");
        if (text.Length > length - 1) text = text[..(length - 1)];
        if (char.IsHighSurrogate(text[^1])) text = text[..^1];
        return text + new string(filler, length - text.Length);
    }

    /// <summary>
    /// A path segment: escaped mostly, as a client library would; raw now and then, where a URI can hold it. Never a NUL:
    /// the test server refuses to build such a request, and Kestrel answers it with a 400 before the application sees it.
    /// </summary>
    private string Segment(string value)
    {
        value = value.Replace('\0', '\u0001');
        if (_random.Next(5) == 0 && value.Length > 0 && Uri.TryCreate(value, UriKind.Relative, out _) && !value.Contains('?') && !value.Contains('#'))
            return value;
        return _random.Next(10) == 0 ? Pick(["%", "%%", "%ZZ", "%u0041", "%2e%2e", "a%2Fb", "%C0%80", "..", "%2A"]) : Uri.EscapeDataString(value);
    }

    private HostileRequest Ingest(string label, string body, bool mustBeAccepted = false) =>
        Ingest(label, Encoding.UTF8.GetBytes(body), mustBeAccepted: mustBeAccepted);

    private HostileRequest Ingest(string label, byte[] body, string? contentType = null, bool mustBeAccepted = false) =>
        new(label, HttpMethod.Post, "/api/events", body, contentType ?? (_random.Next(3) == 0 ? "text/plain" : "application/json"), [], mustBeAccepted);

    /// <summary>Hostile text for free-text fields: line protocol, InfluxQL/SQL and Unicode oddities, no control characters.</summary>
    private string Hostile() => _random.Next(3) switch { 0 => Pick(LineProtocol), 1 => Pick(Sql), _ => Pick(Unicode) } + Pick(LineProtocol.Concat(Sql).ToArray());

    /// <summary>JSON text, with non-ASCII and HTML-sensitive characters escaped or raw at random.</summary>
    private string Serialize(JsonNode node) => _random.Next(2) == 0 ? node.ToJsonString() : node.ToJsonString(_relaxed);

    private static string WithRaw(string json, List<string> tokens)
    {
        foreach (var token in tokens)
        {
            var at = json.IndexOf($"\"{Raw}\"", StringComparison.Ordinal);
            // A field chosen twice holds one placeholder.
            if (at < 0) break;
            json = json[..at] + token + json[(at + Raw.Length + 2)..];
        }
        return json;
    }

    private static string JsonShortEscape(char c) => c switch { '\b' => "\\b", '\t' => "\\t", '\n' => "\\n", '\r' => "\\r", '\f' => "\\f", _ => "\u0000none" };

    /// <summary>At most <paramref name="max"/> UTF-16 units, never cutting a surrogate pair in two.</summary>
    private static string Fit(string text, int max)
    {
        if (text.Length <= max) return text;
        return char.IsHighSurrogate(text[max - 1]) ? text[..(max - 1)] : text[..max];
    }

    private static byte[] Replace(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] = value;
        return copy;
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];
}
