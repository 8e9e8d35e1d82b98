using System.Net.Http.Headers;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.LoadGenerator.Sinks;

/// <summary>Posts each batch as one request to the ingestion endpoint; only a 2xx answer (202 by the contract) counts as accepted.</summary>
public sealed class HttpEventSink(HttpClient http, Uri baseUrl) : IEventSink
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Uri _endpoint = new(baseUrl, "/api/events");

    /// <summary>A sink with its own connection pool of <paramref name="connections"/> connections.</summary>
    public static HttpEventSink Create(Uri baseUrl, int connections, TimeSpan requestTimeout) => new(
        new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            Timeout = requestTimeout,
        },
        baseUrl);

    public async Task<SendResult> SendAsync(IReadOnlyList<AnalyticsEvent> events, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(EventJson.Serialize(events));
        content.Headers.ContentType = Json;
        try
        {
            using var response = await http.PostAsync(_endpoint, content, cancellationToken);
            return response.IsSuccessStatusCode
                ? SendResult.Delivered(events.Count)
                : SendResult.Refused(events.Count, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            return SendResult.Refused(events.Count, $"HTTP request failed ({e.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SendResult.Refused(events.Count, "HTTP request timed out");
        }
    }

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}
