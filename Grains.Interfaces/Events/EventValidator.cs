using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Analytics.Grains.Interfaces.Events;

/// <summary>
/// Every rule of the event contract, in one place. It turns a client's <see cref="EventDocument"/>
/// into a canonical <see cref="AnalyticsEvent"/>, or lists every field that breaks a rule.
/// </summary>
public static partial class EventValidator
{
    /// <param name="prefix">Prepended to field names, such as <c>[3].</c> for the fourth event of a batch.</param>
    /// <param name="receivedAt">The server's clock when the request arrived: the event time when <c>ts</c> is absent.</param>
    /// <param name="visitorMayBeAbsent">
    /// Cookieless visitors are on: an event without <c>visitor</c> is valid, and has <see cref="AnalyticsEvent.NoVisitor"/>
    /// until ingestion derives one.
    /// </param>
    public static AnalyticsEvent? Validate(
        EventDocument document, string prefix, DateTimeOffset receivedAt, TimeSpan maxFutureSkew, List<FieldError> errors,
        bool visitorMayBeAbsent = false)
    {
        var before = errors.Count;
        void Fail(string field, string rule) => errors.Add(new FieldError(prefix + field, rule));

        foreach (var unknown in document.Unknown?.Keys ?? Enumerable.Empty<string>())
            Fail(unknown, "is not a field of an event");

        var id = RequiredString(document.Id, "id", 1, EventRules.IdMaxLength, Fail);
        var typeName = RequiredString(document.Type, "type", 1, int.MaxValue, Fail);
        EventType type = 0;
        if (typeName is not null && !EventTypes.TryParse(typeName, out type))
            Fail("type", "must be one of page_view, click, conversion, custom");

        var site = RequiredString(document.Site, "site", 1, SiteName.MaxLength, Fail);
        if (site is not null && !SiteName.IsValidHost(site))
            Fail("site", "must be a host name such as shop.example.com (letters, digits, '-' and '.')");

        var visitor = visitorMayBeAbsent && !IsPresent(document.Visitor)
            ? AnalyticsEvent.NoVisitor
            : RequiredString(document.Visitor, "visitor", 1, EventRules.VisitorMaxLength, Fail);

        string? url = null, page = null;
        if (IsPresent(document.Url))
        {
            url = OptionalString(document.Url, "url", EventRules.UrlMaxLength, Fail);
            if (url is not null)
            {
                if (PagePath.TryParseUrl(url, out var uri)) page = PagePath.Of(uri);
                else Fail("url", "must be an absolute http or https URL");
            }
        }
        else if (type == EventType.PageView)
        {
            Fail("url", "is required for a page_view");
        }

        var referrer = IsPresent(document.Referrer)
            ? OptionalString(document.Referrer, "referrer", EventRules.ReferrerMaxLength, Fail)
            : null;

        var timestamp = receivedAt.ToUnixTimeMilliseconds();
        if (IsPresent(document.Ts) && TryReadTimestamp(document.Ts, Fail) is { } ts)
        {
            timestamp = ts;
            if (ts > (receivedAt + maxFutureSkew).ToUnixTimeMilliseconds())
                Fail("ts", $"lies more than {maxFutureSkew.TotalSeconds:0.###} s ahead of the server's clock");
        }

        double? value = null;
        if (IsPresent(document.Value))
        {
            if (document.Value.ValueKind != JsonValueKind.Number || !document.Value.TryGetDouble(out var v) || !double.IsFinite(v))
                Fail("value", "must be a finite number");
            else if (type is not 0 and not EventType.Conversion)
                Fail("value", "is only allowed on a conversion (it is its revenue)");
            else
                value = v;
        }

        var userAgent = IsPresent(document.UserAgent)
            ? OptionalString(document.UserAgent, "userAgent", EventRules.UserAgentMaxLength, Fail)
            : null;

        var name = IsPresent(document.Name)
            ? RequiredString(document.Name, "name", 1, EventRules.NameMaxLength, Fail)
            : null;

        var props = IsPresent(document.Props) ? ReadProps(document.Props, Fail) : null;

        if (errors.Count > before) return null;
        return new AnalyticsEvent(
            id!, type, SiteName.Normalize(site!), visitor!, timestamp, url, page, referrer, value, props,
            (receivedAt - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond)
        {
            UserAgent = userAgent,
            Name = name,
        };
    }

    private static bool IsPresent(JsonElement element) =>
        element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null);

    private static string? RequiredString(JsonElement element, string field, int min, int max, Action<string, string> fail)
    {
        if (!IsPresent(element))
        {
            fail(field, "is required");
            return null;
        }
        return CheckedString(element, field, min, max, fail);
    }

    private static string? OptionalString(JsonElement element, string field, int max, Action<string, string> fail) =>
        CheckedString(element, field, 0, max, fail);

    private static string? CheckedString(JsonElement element, string field, int min, int max, Action<string, string> fail)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            fail(field, "must be a string");
            return null;
        }
        string text;
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // JSON may escape half of a surrogate pair ("\ud800"), which is no text at all.
            fail(field, "must be valid Unicode text (no lone surrogate escapes)");
            return null;
        }
        if (text.Length < min || text.Length > max)
        {
            fail(field, max == int.MaxValue ? $"must have at least {min} character" : $"must have {min} to {max} characters");
            return null;
        }
        if (text.Any(char.IsControl))
        {
            fail(field, "must not contain control characters");
            return null;
        }
        return text;
    }

    private static long? TryReadTimestamp(JsonElement ts, Action<string, string> fail)
    {
        const string Rule = "must be an RFC 3339 time such as 2026-11-25T09:00:00.123Z, or epoch milliseconds";
        if (ts.ValueKind == JsonValueKind.Number)
        {
            if (!ts.TryGetInt64(out var millis))
            {
                fail("ts", "epoch milliseconds must be a whole number");
                return null;
            }
            if (millis is < 0 or > EventRules.MaxTimestamp)
            {
                fail("ts", "epoch milliseconds must lie between 0 and 253402300799999");
                return null;
            }
            return millis;
        }
        if (ts.ValueKind == JsonValueKind.String
            && Rfc3339().IsMatch(ts.GetString()!)
            && DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUnixTimeMilliseconds();
        }
        fail("ts", Rule);
        return null;
    }

    private static Dictionary<string, PropertyValue>? ReadProps(JsonElement props, Action<string, string> fail)
    {
        if (props.ValueKind != JsonValueKind.Object)
        {
            fail("props", "must be an object of string or number values");
            return null;
        }
        var result = new Dictionary<string, PropertyValue>(StringComparer.Ordinal);
        foreach (var property in props.EnumerateObject())
        {
            if (result.Count == EventRules.PropsMaxEntries)
            {
                fail("props", $"must have at most {EventRules.PropsMaxEntries} entries");
                return null;
            }
            var key = property.Name;
            var field = $"props.{key}";
            if (key.Length is 0 or > EventRules.PropKeyMaxLength || key.Any(char.IsControl))
            {
                fail("props", $"keys must have 1 to {EventRules.PropKeyMaxLength} characters and no control characters");
                return null;
            }
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    var text = CheckedString(property.Value, field, 0, EventRules.PropValueMaxLength, fail);
                    if (text is not null) result[key] = PropertyValue.Of(text);
                    break;
                case JsonValueKind.Number when property.Value.TryGetDouble(out var number) && double.IsFinite(number):
                    result[key] = PropertyValue.Of(number);
                    break;
                default:
                    fail(field, "must be a string or a finite number");
                    break;
            }
        }
        return result;
    }

    // RFC 3339 §5.6 date-time; 't' and ' ' for 'T' as its note allows.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
