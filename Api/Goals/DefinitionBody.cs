using System.Text.Json;

namespace Analytics.Api.Goals;

/// <summary>The JSON body of a goal or funnel PUT, read here so that malformed JSON is a 400 naming <c>body</c>, like any other rule.</summary>
public static class DefinitionBody
{
    /// <summary>Far above any definition (8 props of 256 characters), far below what would cost the host anything.</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>The body, or an undefined element, which GoalRules names as a body that is no JSON object.</summary>
    public static async Task<JsonElement> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return default;
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
