using System.Threading.RateLimiting;
using Analytics.Api.Ingestion;
using Analytics.Grains.Interfaces.Events;
using Analytics.Grains.Interfaces.Telemetry;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Analytics.Api.Security;

/// <summary>
/// The rate limit of <c>POST /api/events</c>: a token bucket per client (<see cref="ClientAddress.PartitionOf"/>) that
/// holds <c>Ingestion:RateLimitBurst</c> requests and refills <c>Ingestion:RateLimit</c> a second. Clients on this
/// machine are not limited: the load generator and a co-located sender are trusted, and a proxy in front must be named
/// in <c>Access:TrustedProxies</c> anyway, or every client would look like the proxy.
/// </summary>
public static class IngestionRateLimit
{
    public const string Policy = "ingestion";

    public static void Configure(RateLimiterOptions options)
    {
        options.AddPolicy(Policy, http =>
        {
            var limits = http.RequestServices.GetRequiredService<IOptions<IngestionOptions>>().Value;
            var client = ClientAddress.PartitionOf(http);
            if (client is null || limits.RateLimit == 0) return RateLimitPartition.GetNoLimiter("");
            return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.RateLimitBurst,
                TokensPerPeriod = limits.RateLimit,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = RejectAsync;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        http.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString();
        http.RequestServices.GetRequiredService<PipelineMetrics>().Error(ErrorTypes.RateLimited);
        http.RequestServices.GetRequiredService<RateLimitLog>().Refused(ClientAddress.PartitionOf(http) ?? ClientAddress.Describe(http));
        await ProblemAnswers.WriteAsync(http, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This client sent more than Ingestion:RateLimit requests a second; try again in {seconds} s, or send more events per request (up to {EventRules.MaxEventsPerRequest}).");
    }
}
