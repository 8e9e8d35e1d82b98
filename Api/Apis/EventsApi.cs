using System.Buffers;
using Analytics.Api.Ingestion;
using Analytics.Enrichment;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Telemetry;
using Analytics.Grains.Interfaces.Time;
using Analytics.Grains.Interfaces.Visitors;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Analytics.Api.Apis;

public static class EventsApi
{
    public static RouteHandlerBuilder MapEventsApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/events", IngestAsync)
            .WithName("IngestEvents")
            .WithSummary("Accepts one event or an array of up to 1,000; 202 once all are durable in Kafka.")
            .Produces<IngestAnswer>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>The answer to an accepted request; <paramref name="Accepted"/> counts bots' events too (they are answered like any other).</summary>
    public sealed record IngestAnswer(int Accepted);

    private static async Task<IResult> IngestAsync(
        HttpContext http, EventPublisher publisher, EventEnricher enricher, IOptions<IngestionOptions> ingestion, IOptions<EventTimeOptions> time,
        IOptions<VisitorOptions> visitors, VisitorSalts salts, PipelineMetrics metrics)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        // Beacons send text/plain (browsers allow no other type without a preflight); JSON is JSON either way.
        if (http.Request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            metrics.Error(ErrorTypes.InvalidInput);
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type", detail: "Send events as application/json (or text/plain holding JSON).");
        }

        var limit = ingestion.Value.MaxBodyBytes;
        var body = await ReadBodyAsync(http.Request, limit);
        if (body is null)
        {
            metrics.Error(ErrorTypes.PayloadTooLarge);
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Request body too large", detail: $"The body must be at most {limit} bytes; send fewer events per request.");
        }

        var parsed = EventBatchParser.Parse(body.WrittenSpan, receivedAt, time.Value.MaxFutureSkew, visitors.Value.Cookieless);
        if (!parsed.IsValid)
        {
            metrics.Error(ErrorTypes.InvalidInput);
            var errors = parsed.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Rule).ToArray());
            return Results.ValidationProblem(errors, title: "The request holds invalid events; none was accepted",
                detail: "Each entry of 'errors' names a field (with its index in a batch) and the rule it breaks.");
        }

        byte[]? salt = null;
        if (EnrichedBatch.NeedsSalt(parsed))
        {
            try
            {
                salt = await salts.CurrentAsync();
            }
            catch
            {
                // Logged by VisitorSalts. Without the salt no visitor can be derived, and nothing is written.
                metrics.Error(ErrorTypes.SaltUnavailable, parsed.Events.Count);
                http.Response.Headers[HeaderNames.RetryAfter] = ((int)ingestion.Value.RetryAfter.TotalSeconds).ToString();
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "The grid cannot hand out the salt for cookieless visitors now",
                    detail: $"None of the {parsed.Events.Count} events is written: events without a visitor need it. Send the request again.");
            }
        }

        var batch = EnrichedBatch.Of(parsed, http, enricher, salt);
        var outcome = await publisher.PublishAsync(batch.Events);
        if (!outcome.AllDurable)
        {
            metrics.Error(ErrorTypes.KafkaUnavailable, outcome.Failed.Count);
            http.Response.Headers[HeaderNames.RetryAfter] = ((int)ingestion.Value.RetryAfter.TotalSeconds).ToString();
            var durable = parsed.Events.Count - outcome.Failed.Count;
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Kafka cannot take the events now",
                detail: $"{durable} of {parsed.Events.Count} events are durable, the rest are not ({outcome.Reason}). " +
                        "Send the whole request again: events are de-duplicated by id, so none is counted twice.",
                extensions: new Dictionary<string, object?> { ["notDurable"] = outcome.Failed });
        }
        // Counted once the request is answered 202: a request answered 503 is sent again, bots' events with it.
        metrics.BotEvents(batch.Bots);
        return Results.Json(new IngestAnswer(parsed.Events.Count), statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<ArrayBufferWriter<byte>?> ReadBodyAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit) return null;
        // At least one byte: an empty body (Content-Length: 0) is a 400 for the parser to name, not a writer of no capacity.
        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 1, limit));
        while (true)
        {
            var read = await request.Body.ReadAsync(body.GetMemory(16 * 1024));
            if (read == 0) return body;
            body.Advance(read);
            if (body.WrittenCount > limit) return null;
        }
    }
}
