using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Grains.Interfaces.Goals;

/// <summary>
/// What a goal or funnel definition may be, in one place: the API checks requests by it (each broken rule under the
/// field's name, as an RFC 7807 problem would list it) and the site goals grain holds a site to its bounds.
/// </summary>
public static partial class GoalRules
{
    public const int NameMaxLength = 48;
    public const int PageMaxLength = 256;
    public const int MaxProps = 8;

    /// <summary>Stored goals a site may hold, besides the built-in <c>purchase</c>.</summary>
    public const int MaxGoals = 100;

    public const int MaxFunnels = 20;

    public const string NameRule = "must be 1-48 lower-case letters, digits, '-' or '_', starting with a letter or digit";

    public static bool IsName(string? name) => name is not null && Slug().IsMatch(name);

    /// <summary>The goal the body <c>{"page":…}</c> or <c>{"event":…,"props":{…}}</c> defines, or null with the errors.</summary>
    public static GoalDefinition? Goal(string name, JsonElement body, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        CheckName(name, errors);
        if (!Fields(body, ["page", "event", "props"], errors)) return null;

        var page = Text(body, "page", errors);
        var @event = Text(body, "event", errors);
        var hasProps = body.TryGetProperty("props", out var props) && props.ValueKind != JsonValueKind.Null;
        if (HasValue(body, "page") == HasValue(body, "event"))
            errors["body"] = ["must hold exactly one of page (a path pattern) or event (a custom event's name)"];
        if (page is not null && (page.Length is 0 or > PageMaxLength || page[0] != '/' || page.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
            errors["page"] = [$"must start with '/' and have 1 to {PageMaxLength} characters, no spaces or control characters ('*' is any run of characters)"];
        if (@event is not null && (@event.Length is 0 or > EventRules.NameMaxLength || @event.Any(char.IsControl)))
            errors["event"] = [$"must have 1 to {EventRules.NameMaxLength} characters and no control characters"];
        if (hasProps && HasValue(body, "page")) errors["props"] = ["only an event goal has props"];
        var checkedProps = hasProps && !errors.ContainsKey("props") ? Props(props, errors) : null;

        return errors.Count > before ? null : new GoalDefinition(name, page, @event, checkedProps);
    }

    /// <summary>The funnel the body <c>{"steps":[…]}</c> defines, or null with the errors (steps naming no goal are the grain's to find).</summary>
    public static FunnelDefinition? Funnel(string name, JsonElement body, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        CheckName(name, errors);
        if (!Fields(body, ["steps"], errors)) return null;
        if (!body.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array
            || steps.GetArrayLength() is < FunnelDefinition.MinSteps or > FunnelDefinition.MaxSteps)
        {
            errors["steps"] = [$"must be an array of {FunnelDefinition.MinSteps} to {FunnelDefinition.MaxSteps} goal names"];
            return null;
        }
        var names = new string[steps.GetArrayLength()];
        var i = 0;
        foreach (var step in steps.EnumerateArray())
        {
            names[i] = TryString(step, out var text) ? text : "";
            if (!IsName(names[i])) errors[$"steps[{i}]"] = ["must be a goal's name"];
            else if (i > 0 && names[i] == names[i - 1]) errors["steps"] = [$"step {i} repeats step {i - 1} ('{names[i]}'): a goal may not follow itself"];
            i++;
        }
        return errors.Count > before ? null : new FunnelDefinition(name, names);
    }

    private static void CheckName(string name, Dictionary<string, string[]> errors)
    {
        if (!IsName(name)) errors["name"] = [NameRule];
    }

    /// <summary>False, naming <c>body</c>, when the body is no object or holds a field the definition does not have.</summary>
    private static bool Fields(JsonElement body, string[] known, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = [$"must be a JSON object with {string.Join(", ", known)}"];
            return false;
        }
        var unknown = body.EnumerateObject().Where(p => !known.Any(k => p.NameEquals(k))).Select(p => Name(p) ?? "(not Unicode)").ToList();
        if (unknown.Count > 0) errors["body"] = [$"has fields that are not {string.Join(", ", known)}: {string.Join(", ", unknown.Take(8))}"];
        return unknown.Count == 0;
    }

    private static bool HasValue(JsonElement body, string field) =>
        body.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    private static string? Text(JsonElement body, string field, Dictionary<string, string[]> errors)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (TryString(value, out var text)) return text;
        errors[field] = ["must be a string of valid Unicode text"];
        return null;
    }

    private static string? Name(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool TryString(JsonElement value, out string text)
    {
        text = "";
        if (value.ValueKind != JsonValueKind.String) return false;
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // JSON may escape half of a surrogate pair ("\ud800"), which is no text at all.
            return false;
        }
    }

    /// <summary>Numbers become text the way ingestion stores an event's prop numbers, so a goal's pair equals the event's.</summary>
    private static Dictionary<string, string>? Props(JsonElement props, Dictionary<string, string[]> errors)
    {
        if (props.ValueKind != JsonValueKind.Object || props.EnumerateObject().Count() is 0 or > MaxProps)
        {
            errors["props"] = [$"must be an object of 1 to {MaxProps} string or number values"];
            return null;
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in props.EnumerateObject())
        {
            var key = Name(property) ?? "";
            if (key.Length is 0 or > EventRules.PropKeyMaxLength || key.Any(char.IsControl) || result.ContainsKey(key))
            {
                errors["props"] = [$"keys must be distinct and have 1 to {EventRules.PropKeyMaxLength} characters and no control characters"];
                continue;
            }
            var value = property.Value;
            if (TryString(value, out var text) && text.Length is > 0 and <= EventRules.PropValueMaxLength && !text.Any(char.IsControl))
                result[key] = text;
            else if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
                result[key] = PropertyValue.Of(number).ToString();
            else
                errors[$"props.{key}"] = [$"must be a string of 1 to {EventRules.PropValueMaxLength} characters (no control characters) or a finite number"];
        }
        return result;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,47}$")]
    private static partial Regex Slug();
}
