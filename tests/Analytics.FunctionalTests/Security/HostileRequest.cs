namespace Analytics.FunctionalTests.Security;

/// <summary>How a query request carries the access key.</summary>
public enum KeyUse
{
    /// <summary>Not a query, or a query with no key at all.</summary>
    None,

    /// <summary>A key that is none of Access:Keys, or one sent in a form the API does not take.</summary>
    Wrong,

    /// <summary>The key, as <c>Authorization: Bearer</c> (the scheme in any case, RFC 7235) or as <c>?access_token=</c>.</summary>
    Right,
}

/// <summary>One request of the hostile-input run, as built before it is sent (so that a failure can be shown as it was).</summary>
/// <param name="Label">What kind of hostility it is, and its index in the run, to find it again from the seed.</param>
/// <param name="MustBeAccepted">A valid event built to carry hostile text where the contract allows it: it must get a 202.</param>
/// <param name="MustBeRejectedFor">An event one past a length limit: it must get a 400 naming this field.</param>
/// <param name="Access">For a query: how it carries the key.</param>
/// <param name="KeyedTwin">For a query without the right key: the same query with it, to tell a route from a path that is none.</param>
public sealed record HostileRequest(
    string Label, HttpMethod Method, string Path, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers,
    bool MustBeAccepted, string? MustBeRejectedFor = null, KeyUse Access = KeyUse.None, HostileRequest? KeyedTwin = null)
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
        var headers = string.Join(" ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 60 ? h.Value[..60] + "…" : h.Value)}"));
        return $"{Label}: {Method} {Path} [{ContentType}] {headers} {(body.Length > 300 ? body[..300] + $"… ({body.Length} chars)" : body)}";
    }
}
