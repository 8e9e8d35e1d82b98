using System.Net;
using Analytics.Grains.Interfaces.Events;
using Analytics.LoadGenerator.Sinks;
using Analytics.LoadGenerator.Tests.Infrastructure;
using Analytics.LoadGenerator.Traffic;

namespace Analytics.LoadGenerator.Tests.Sinks;

public class HttpEventSinkTests
{
    private static readonly IReadOnlyList<AnalyticsEvent> Batch = Logs.Of(new TrafficProfile(), 300);

    [Fact]
    public async Task Posts_the_batch_as_the_ingestion_endpoint_reads_it()
    {
        HttpRequestMessage? seen = null;
        EventBatchParser.Result? parsed = null;
        var handler = new StubHandler(async request =>
        {
            seen = request;
            var body = await request.Content!.ReadAsByteArrayAsync();
            parsed = EventBatchParser.Parse(body, DateTimeOffset.FromUnixTimeMilliseconds(Logs.Start + 60_000), TimeSpan.FromSeconds(60));
            return new HttpResponseMessage(parsed.IsValid ? HttpStatusCode.Accepted : HttpStatusCode.BadRequest);
        });
        await using var sink = new HttpEventSink(new HttpClient(handler), new Uri("http://127.0.0.1:5000"));

        var result = await sink.SendAsync(Batch, CancellationToken.None);

        Assert.Equal(SendResult.Delivered(300), result);
        Assert.Equal(HttpMethod.Post, seen!.Method);
        Assert.Equal("http://127.0.0.1:5000/api/events", seen.RequestUri!.ToString());
        Assert.Equal("application/json", seen.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(Batch.Select(e => e.Id), parsed!.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task A_refusal_fails_the_whole_batch_under_its_status()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        await using var sink = new HttpEventSink(new HttpClient(handler), new Uri("http://127.0.0.1:5000"));

        Assert.Equal(SendResult.Refused(300, "HTTP 503 Service Unavailable"), await sink.SendAsync(Batch, CancellationToken.None));
    }

    [Fact]
    public async Task A_connection_failure_is_a_result_not_an_exception()
    {
        var handler = new StubHandler(HttpResponseMessage (_) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        await using var sink = new HttpEventSink(new HttpClient(handler), new Uri("http://127.0.0.1:5000"));

        Assert.Equal(SendResult.Refused(300, "HTTP request failed (ConnectionError)"), await sink.SendAsync(Batch, CancellationToken.None));
    }
}
