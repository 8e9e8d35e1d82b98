using System.Text.Json;

namespace Analytics.Grains.Interfaces.Events;

/// <summary>
/// Reads a request body holding one event object or an array of up to
/// <see cref="EventRules.MaxEventsPerRequest"/> events. A batch with any bad event is rejected whole:
/// the result then has every error and no events.
/// </summary>
public static class EventBatchParser
{
    public sealed record Result(IReadOnlyList<AnalyticsEvent> Events, IReadOnlyList<FieldError> Errors)
    {
        public bool IsValid => Errors.Count == 0;
    }

    /// <param name="visitorMayBeAbsent">Cookieless visitors are on (see <see cref="EventValidator.Validate"/>).</param>
    public static Result Parse(ReadOnlySpan<byte> body, DateTimeOffset receivedAt, TimeSpan maxFutureSkew, bool visitorMayBeAbsent = false)
    {
        var errors = new List<FieldError>();
        // The JSON reader checks the structure, not the bytes inside strings: invalid UTF-8 would only fail when read.
        if (!System.Text.Unicode.Utf8.IsValid(body)) return Failed(errors, "$", "is not valid UTF-8");
        JsonElement root;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = EventRules.MaxJsonDepth });
            root = JsonSerializer.Deserialize(ref reader, EventJsonContext.Default.JsonElement);
            // Reading one value stops after it: text after the event would otherwise be dropped without a word.
            if (reader.Read()) return Failed(errors, "$", "is not valid JSON (more follows the first value)");
        }
        catch (JsonException e)
        {
            return Failed(errors, "$", $"is not valid JSON ({Describe(e)})");
        }

        var events = new List<AnalyticsEvent>();
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                Add(root, "", events, errors, receivedAt, maxFutureSkew, visitorMayBeAbsent);
                break;
            case JsonValueKind.Array:
                var count = root.GetArrayLength();
                if (count == 0) return Failed(errors, "$", "must hold at least one event");
                if (count > EventRules.MaxEventsPerRequest)
                    return Failed(errors, "$", $"must hold at most {EventRules.MaxEventsPerRequest} events");
                var index = 0;
                foreach (var element in root.EnumerateArray())
                    Add(element, $"[{index++}].", events, errors, receivedAt, maxFutureSkew, visitorMayBeAbsent);
                break;
            default:
                return Failed(errors, "$", "must be an event object or an array of events");
        }
        return errors.Count == 0 ? new Result(events, errors) : new Result([], errors);
    }

    private static void Add(
        JsonElement element, string prefix, List<AnalyticsEvent> events, List<FieldError> errors,
        DateTimeOffset receivedAt, TimeSpan maxFutureSkew, bool visitorMayBeAbsent)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), "must be an event object"));
            return;
        }
        try
        {
            var document = element.Deserialize(EventJsonContext.Default.EventDocument);
            if (EventValidator.Validate(document!, prefix, receivedAt, maxFutureSkew, errors, visitorMayBeAbsent) is { } valid)
                events.Add(valid);
        }
        catch (JsonException e)
        {
            errors.Add(new FieldError(prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), $"is not a valid event ({Describe(e)})"));
        }
        catch (InvalidOperationException)
        {
            // A name or value escapes half of a surrogate pair ("\ud800"): no text, so no event.
            errors.Add(new FieldError(prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), "holds a name or value that is not valid Unicode text"));
        }
    }

    private static Result Failed(List<FieldError> errors, string field, string rule)
    {
        errors.Add(new FieldError(field, rule));
        return new Result([], errors);
    }

    // JsonException messages can quote the input; keep only the position so that no client text is echoed.
    private static string Describe(JsonException e) =>
        e.LineNumber is { } line ? $"at line {line + 1}, byte {e.BytePositionInLine + 1}" : "malformed";
}
