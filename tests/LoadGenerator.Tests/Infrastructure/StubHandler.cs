namespace Analytics.LoadGenerator.Tests.Infrastructure;

/// <summary>An HTTP server in a delegate: answers each request without a socket.</summary>
public sealed class StubHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    public StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : this(request => Task.FromResult(answer(request)))
    {
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => answer(request);
}
