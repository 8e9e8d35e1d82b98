namespace Analytics.Api.Ingestion;

/// <summary>Limits of the ingestion endpoint (configuration section <c>Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>What a 503 tells the client to wait before retrying.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<string> Problems()
    {
        if (MaxBodyBytes is < 1024 or > 64 * 1024 * 1024) yield return "Ingestion:MaxBodyBytes must be between 1 KiB and 64 MiB";
        if (RetryAfter < TimeSpan.FromSeconds(1)) yield return "Ingestion:RetryAfter must be at least 1 second";
    }
}
