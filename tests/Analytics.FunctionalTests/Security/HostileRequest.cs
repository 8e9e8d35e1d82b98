namespace Analytics.FunctionalTests.Security;

/// <summary>One request of the hostile-input run, as built before it is sent (so that a failure can be shown as it was).</summary>
/// <param name="Label">What kind of hostility it is, and its index in the run, to find it again from the seed.</param>
/// <param name="MustBeAccepted">A valid event built to carry hostile text where the contract allows it: it must get a 202.</param>
public sealed record HostileRequest(
    string Label, HttpMethod Method, string Path, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers,
    bool MustBeAccepted)
{
    public bool IsIngestion => Path == "/api/events";

    public HttpRequestMessage ToMessage()
    {
        var request = new HttpRequestMessage(Method, Path);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : System.Text.Encoding.UTF8.GetString(Body);
        return $"{Label}: {Method} {Path} [{ContentType}] {(body.Length > 300 ? body[..300] + $"… ({body.Length} chars)" : body)}";
    }
}
