using System.Text.RegularExpressions;

namespace Analytics.Api.Ingestion;

/// <summary>Limits of the ingestion endpoint (configuration section <c>Ingestion</c>).</summary>
public sealed partial class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>What a 503 tells the client to wait before retrying.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The origins (<c>https://shop.example.com</c>, or <c>https://*.example.com</c> for every subdomain) whose pages
    /// may send events from a browser. Empty: any origin, as the tracker of any site must be able to send.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Requests per second one client may send, on average; 0 turns the limit off.</summary>
    public int RateLimit { get; set; } = 100;

    /// <summary>Requests one client may send at once, above the average, before it gets 429.</summary>
    public int RateLimitBurst { get; set; } = 200;

    public IEnumerable<string> Problems()
    {
        if (MaxBodyBytes is < 1024 or > 64 * 1024 * 1024) yield return "Ingestion:MaxBodyBytes must be between 1 KiB and 64 MiB";
        if (RetryAfter < TimeSpan.FromSeconds(1)) yield return "Ingestion:RetryAfter must be at least 1 second";
        for (var i = 0; i < AllowedOrigins.Length; i++)
        {
            if (!Origin().IsMatch(AllowedOrigins[i] ?? ""))
                yield return $"Ingestion:AllowedOrigins:{i} must be an origin such as https://shop.example.com or https://*.example.com";
        }
        if (RateLimit is < 0 or > 1_000_000) yield return "Ingestion:RateLimit must be between 0 (off) and 1000000 requests per second";
        if (RateLimit > 0 && (RateLimitBurst < RateLimit || RateLimitBurst > 10_000_000))
            yield return "Ingestion:RateLimitBurst must be at least Ingestion:RateLimit and at most 10000000";
    }

    /// <summary>Scheme, host (optionally <c>*.</c> for its subdomains) and port: what a browser sends as <c>Origin</c>.</summary>
    [GeneratedRegex(@"^https?://(\*\.)?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$")]
    private static partial Regex Origin();
}
